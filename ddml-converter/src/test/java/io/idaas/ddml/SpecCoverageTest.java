package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Fails when a field of the Avro schema, the JSON Schema or the model is not documented in SPEC.md. */
class SpecCoverageTest {

    private final String spec = SpecExamples.specText();

    @Test
    void everyAvroFieldIsInTheSpec() {
        Set<String> names = new TreeSet<>();
        collect(DdmlSchemas.avro(), names, new TreeSet<>());
        assertThat(names).hasSizeGreaterThan(30);
        assertThat(undocumented(names)).isEmpty();
    }

    @Test
    void everyJsonSchemaPropertyIsInTheSpec() throws Exception {
        Set<String> names = new TreeSet<>();
        collect(new ObjectMapper().readTree(DdmlSchemas.jsonSchema()), names);
        assertThat(undocumented(names)).isEmpty();
    }

    @Test
    void everyModelRecordComponentIsInTheSpec() {
        List<Class<?>> records = List.of(DdmlEvent.class, Source.class, Position.class, Transaction.class, Timing.class,
            TableSchema.class, Column.class, DmlChange.class, DdlChange.class, TableRef.class, ModifiedColumn.class,
            RenamedColumn.class, Omitted.class);
        Set<String> names = new TreeSet<>();
        for (Class<?> r : records) {
            for (RecordComponent c : r.getRecordComponents()) {
                names.add(wireName(c.getName()));
            }
        }
        assertThat(undocumented(names)).isEmpty();
    }

    private List<String> undocumented(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!spec.contains("`" + n + "`")) {
                out.add(n);
            }
        }
        return out;
    }

    private static String wireName(String javaName) {
        return switch (javaName) {
            case "nativeFields" -> "native";
            case "time" -> "time";
            default -> javaName.replaceAll("([A-Z])", "_$1").toLowerCase();
        };
    }

    private static void collect(Schema s, Set<String> names, Set<String> seen) {
        switch (s.getType()) {
            case RECORD -> {
                if (!seen.add(s.getFullName())) {
                    return;
                }
                for (Schema.Field f : s.getFields()) {
                    names.add(f.name());
                    collect(f.schema(), names, seen);
                }
            }
            case UNION -> s.getTypes().forEach(t -> collect(t, names, seen));
            case ARRAY -> collect(s.getElementType(), names, seen);
            case MAP -> collect(s.getValueType(), names, seen);
            default -> { }
        }
    }

    private static void collect(JsonNode n, Set<String> names) {
        if (n.isObject()) {
            JsonNode props = n.get("properties");
            if (props != null && props.isObject()) {
                props.fieldNames().forEachRemaining(names::add);
            }
            n.forEach(child -> collect(child, names));
        } else if (n.isArray()) {
            n.forEach(child -> collect(child, names));
        }
    }
}
