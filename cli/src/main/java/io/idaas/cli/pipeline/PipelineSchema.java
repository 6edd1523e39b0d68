package io.idaas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pipeline file's JSON Schema (draft 2020-12, the resource {@value #RESOURCE}, also {@code pipelines/pipeline.schema.json}),
 * and its errors in words: each names the field ({@code targets[0].url}), what is wrong, and what to write there (the
 * field's {@code description} in the schema).
 */
public final class PipelineSchema {

    public static final String RESOURCE = "io/idaas/cli/pipeline/pipeline.schema.json";

    private static final JsonNode SCHEMA_JSON = readSchema();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_JSON);

    private PipelineSchema() {
    }

    /** The schema as JSON. */
    public static JsonNode json() {
        return SCHEMA_JSON.deepCopy();
    }

    /** The problems of {@code file}, sorted by field; empty when it follows the schema. */
    public static List<String> problems(JsonNode file) {
        Set<ValidationMessage> messages = SCHEMA.validate(file);
        TreeSet<String> problems = new TreeSet<>();
        for (ValidationMessage m : messages) {
            problems.add(describe(m));
        }
        return new ArrayList<>(problems);
    }

    private static String describe(ValidationMessage m) {
        String field = field(m.getInstanceLocation());
        String type = m.getType();
        JsonNode keywordParent = schemaNode(m.getSchemaLocation().getFragment(), 1);
        switch (type) {
            case "required": {
                String missing = m.getProperty();
                String where = field.isEmpty() ? missing : field + "." + missing;
                return where + ": missing; write " + describeProperty(keywordParent, missing);
            }
            case "additionalProperties": {
                String extra = m.getProperty();
                String where = field.isEmpty() ? extra : field + "." + extra;
                JsonNode props = keywordParent == null ? null : keywordParent.path("properties");
                List<String> known = new ArrayList<>();
                if (props != null) {
                    props.fieldNames().forEachRemaining(known::add);
                }
                return where + ": not a field here; remove it" + (known.isEmpty() ? "" : " (the fields here are " + String.join(", ", known) + ")");
            }
            case "not":
                if (field.endsWith("tables")) {
                    return field + ": both include and exclude; keep one of them";
                }
                break;
            default:
                break;
        }
        String what = m.getError() == null ? m.getMessage() : m.getError();
        String description = keywordParent == null ? "" : keywordParent.path("description").asText("");
        if (description.isEmpty() && type.equals("propertyNames")) {
            description = "a name among the documented keys";
        }
        return (field.isEmpty() ? "(the file)" : field) + ": " + what + (description.isEmpty() ? "" : "; write " + description);
    }

    private static String describeProperty(JsonNode parent, String property) {
        JsonNode p = parent == null ? null : parent.path("properties").path(property);
        String d = p == null ? "" : p.path("description").asText("");
        if (d.isEmpty() && p != null && p.has("$ref")) {
            d = resolveRef(p.path("$ref").asText()).path("description").asText("");
        }
        return d.isEmpty() ? property : property + ": " + d;
    }

    /** The schema node at {@code fragment} less its last {@code up} names; a {@code $ref} on the way is followed. */
    private static JsonNode schemaNode(JsonNodePath fragment, int up) {
        JsonNode node = SCHEMA_JSON;
        if (fragment == null) {
            return node;
        }
        for (int i = 0; i < fragment.getNameCount() - up; i++) {
            Object e = fragment.getElement(i);
            node = e instanceof Integer n ? node.path(n) : node.path(String.valueOf(e));
            if (node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode resolveRef(String ref) {
        JsonNode node = SCHEMA_JSON;
        for (String part : ref.replaceFirst("^#/", "").split("/")) {
            node = node.path(part);
        }
        return node;
    }

    /** {@code $.targets[0].url} as {@code targets[0].url}; the whole file as "". */
    static String field(JsonNodePath path) {
        String s = path == null ? "$" : path.toString();
        return s.equals("$") ? "" : s.replaceFirst("^\\$\\.?", "");
    }

    private static JsonNode readSchema() {
        try (InputStream in = PipelineSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the pipeline schema " + RESOURCE + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
