package io.idaas.cli.pipeline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pipeline file: YAML, then its {@code ${NAME}} variables filled in (the file's {@code variables}, overridden by
 * {@code --var NAME=VALUE}), then checked against {@link PipelineSchema}, then the model. Connect's references
 * ({@code ${env:VAR}}, {@code ${file:/path:key}}: a colon inside) are left as they are. A password written in clear
 * is accepted with a warning naming the fix.
 */
public final class PipelineReader {

    /** {@code ${NAME}}: a pipeline variable. Connect's {@code ${provider:path:key}} has a colon, so it never matches. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** A value that is a Connect config-provider reference as a whole. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_]+:[^}]*}");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A read pipeline and the warnings about it. */
    public record Read(Pipeline pipeline, List<String> warnings) {
    }

    private PipelineReader() {
    }

    /** Reads {@code file} with the variables {@code overrides} (from {@code --var}) over the file's own. */
    public static Read read(Path file, Map<String, String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no pipeline file " + file.toAbsolutePath() + ": give the path of a YAML pipeline file (see pipelines/)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the pipeline file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return parse(file.toString(), text, overrides);
    }

    /** Reads a pipeline file from the classpath (e.g. the demo's {@code pipelines/idaas-up-demo.yaml}). */
    public static Read readResource(String resource, Map<String, String> overrides) {
        try (java.io.InputStream in = PipelineReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the pipeline file " + resource + " is not on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), overrides);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads pipeline YAML {@code text}; {@code origin} names it in messages. */
    public static Read parse(String origin, String text, Map<String, String> overrides) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new PipelineFileException(origin, List.of("not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new PipelineFileException(origin, List.of("(the file): not a YAML mapping; start with name:, source: and targets: (see pipelines/README.md)"));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode declared = root.path("variables");
        if (declared.isObject()) {
            declared.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        }
        List<String> problems = new ArrayList<>();
        overrides.forEach((k, v) -> {
            if (!variables.containsKey(k)) {
                problems.add("--var " + k + ": the file declares no variable " + k + (variables.isEmpty() ? "" : " (it declares " + String.join(", ", variables.keySet()) + ")"));
            }
        });
        variables.putAll(overrides);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("variables")) {
                e.setValue(substitute(e.getValue(), e.getKey(), variables, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineFileException(origin, problems);
        }
        problems.addAll(PipelineSchema.problems(root));
        if (!problems.isEmpty()) {
            throw new PipelineFileException(origin, problems);
        }
        Pipeline pipeline = model(root);
        problems.addAll(crossChecks(pipeline));
        if (!problems.isEmpty()) {
            throw new PipelineFileException(origin, problems);
        }
        return new Read(pipeline, warnings(pipeline));
    }

    private static JsonNode substitute(JsonNode node, String path, Map<String, String> variables, List<String> problems) {
        if (node.isTextual()) {
            Matcher m = VARIABLE.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = variables.get(m.group(1));
                if (value == null) {
                    problems.add(path + ": ${" + m.group(1) + "} is not a variable of the file; declare it under variables: (with a default) "
                            + "or write ${env:" + m.group(1) + "} for Connect to read the worker's environment");
                    value = m.group();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(substitute(e.getValue(), path + "." + e.getKey(), variables, problems));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substitute(a.get(i), path + "[" + i + "]", variables, problems));
            }
        }
        return node;
    }

    private static Pipeline model(JsonNode root) {
        String name = root.path("name").asText();
        JsonNode s = root.path("source");
        Pipeline.Source source = new Pipeline.Source(s.path("kind").asText(), strings(s.path("connection")),
                list(s.path("tables").path("include")), list(s.path("tables").path("exclude")),
                s.path("snapshot").asText("initial"), strings(s.path("options")));
        List<Pipeline.Target> targets = new ArrayList<>();
        for (JsonNode t : root.path("targets")) {
            Map<String, String> endpoint = new LinkedHashMap<>();
            for (String key : List.of("url", "uri", "user", "password", "prefix", "database")) {
                if (t.has(key)) {
                    endpoint.put(key, t.path(key).asText());
                }
            }
            targets.add(new Pipeline.Target(t.path("name").asText(), t.path("kind").asText(), endpoint, list(t.path("tables")),
                    processors(t.path("processors")),
                    strings(t.path("ddl")), strings(t.path("options"))));
        }
        JsonNode dl = root.path("dead_letter");
        String prefix = root.path("topic_prefix").asText(name);
        Pipeline.DeadLetter deadLetter = new Pipeline.DeadLetter(dl.path("topic").asText(prefix + ".dlq"), dl.path("tolerance").asText("all"));
        Pipeline.Verify verify = root.has("verify") ? new Pipeline.Verify(list(root.path("verify").path("tables")),
                root.path("verify").has("ignore_columns") ? root.path("verify").path("ignore_columns").asText() : null) : null;
        String kafka = root.path("kafka").has("bootstrap_servers") ? root.path("kafka").path("bootstrap_servers").asText() : null;
        return new Pipeline(name, prefix, kafka, source, processors(root.path("processors")), targets, strings(root.path("ddl")), deadLetter, verify);
    }

    /** What the schema cannot say: unique target and processor names, processors on a source kind that has them. */
    private static List<String> crossChecks(Pipeline p) {
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < p.targets().size(); i++) {
            String n = p.targets().get(i).name();
            if (seen.contains(n)) {
                problems.add("targets[" + i + "].name: '" + n + "' names another target too; give each target its own name");
            }
            seen.add(n);
            try {
                p.targets().get(i).system();
            } catch (IllegalArgumentException e) {
                problems.add("targets[" + i + "].url: " + e.getMessage());
            }
        }
        for (Pipeline.Target t : p.targets()) {
            List<String> aliases = new ArrayList<>();
            for (Pipeline.Processor pr : p.processors()) {
                aliases.add(pr.name());
            }
            for (Pipeline.Processor pr : t.processors()) {
                if (aliases.contains(pr.name())) {
                    problems.add("targets[" + p.targets().indexOf(t) + "].processors: the name '" + pr.name()
                            + "' is used twice on this target; give each processor its own name");
                }
                aliases.add(pr.name());
            }
        }
        if (p.source().kind().equals("oracle") && !p.source().connection().containsKey("pdb")) {
            problems.add("source.connection.pdb: missing; write the Oracle pluggable database's name, e.g. ORCLPDB1");
        }
        return problems;
    }

    private static List<String> warnings(Pipeline p) {
        List<String> warnings = new ArrayList<>();
        clear("source.connection.password", p.source().password(), warnings);
        for (int i = 0; i < p.targets().size(); i++) {
            clear("targets[" + i + "].password", p.targets().get(i).endpoint().get("password"), warnings);
        }
        return warnings;
    }

    private static void clear(String field, String password, List<String> warnings) {
        if (password != null && !password.isEmpty() && !REFERENCE.matcher(password).matches()) {
            warnings.add(field + ": a password in clear goes into the connector's config, where GET /connectors/{name}/config shows it; "
                    + "write ${env:VAR} (the Connect worker's environment) or ${file:/path/secrets.properties:key} instead");
        }
    }

    /** Whether {@code value} is a Connect config-provider reference ({@code ${env:VAR}}, {@code ${file:/path:key}}). */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value).matches();
    }

    private static List<Pipeline.Processor> processors(JsonNode list) {
        List<Pipeline.Processor> out = new ArrayList<>();
        for (JsonNode p : list) {
            out.add(new Pipeline.Processor(p.path("name").asText(), p.path("type").asText(), strings(p.path("config"))));
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
