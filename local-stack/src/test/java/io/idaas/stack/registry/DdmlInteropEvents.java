package io.idaas.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * DDML events for the interoperability tests, and the form in which a third-party Avro client sees them, derived
 * from SPEC.md alone: the envelope's fields as in the DDML JSON (section 1: same names, an absent optional field is
 * the null branch), and each row value a {@code Value} record whose {@code v} union branch is chosen by the column's
 * portable type (section 8.2 and 8.3), as avsc writes a union it wraps: {@code {"v": {"string": "12.50"}}}.
 */
final class DdmlInteropEvents {

    static final ObjectMapper JSON = new ObjectMapper();

    /** payments(id int64 PK, amount decimal(38,10), price decimal(10,2), placed timestamptz(6), booked timestamp(6),
     *  day date, payload bytes, name string(100), note string, ratio float64, ok boolean, tags array(string)). */
    static final TableSchema PAYMENTS = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nativeType("bigint").nullable(false).build(),
            Column.builder("amount", PortableType.decimal(38, 10)).nativeType("numeric(38,10)").precision(38, 10).build(),
            Column.of("price", PortableType.decimal(10, 2)),
            Column.of("placed", PortableType.timestampTz(6)),
            Column.of("booked", PortableType.timestamp(6)),
            Column.of("day", PortableType.DATE),
            Column.of("payload", PortableType.BYTES),
            Column.builder("name", PortableType.string(100)).defaultValue("'anonymous'").length(100).build(),
            Column.of("note", PortableType.STRING),
            Column.of("ratio", PortableType.FLOAT64),
            Column.of("ok", PortableType.BOOLEAN),
            Column.of("tags", PortableType.arrayOf(PortableType.STRING))),
            List.of("id"));

    static final String NAME = "Zoë Ødegård 日本 🚀";

    private DdmlInteropEvents() {
    }

    /** A row of every Avro branch: big and negative decimals, both timestamps, bytes, unicode, NULLs, NaN. */
    static Row row(long id, String price, Double ratio) {
        return Row.of("id", id, "amount", new BigDecimal("-1234567890123456789012345678.0000000001"),
                "price", new BigDecimal(price), "placed", Instant.parse("2026-11-25T12:00:00.123456Z"),
                "booked", LocalDateTime.parse("1999-12-31T23:59:59.000001"), "day", LocalDate.of(-44, 3, 15),
                "payload", new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff}, "name", NAME, "note", null,
                "ratio", ratio, "ok", true, "tags", Arrays.asList("é", null, "日本"));
    }

    static DdmlEvent insert() {
        return event(100).dml(DmlChange.insert(row(1, "-0.50", Double.NaN))).build();
    }

    static DdmlEvent update() {
        return event(200).dml(DmlChange.update(row(1, "-0.50", Double.NaN), row(1, "1234.50", 0.25))).build();
    }

    static DdmlEvent delete() {
        return event(300).dml(DmlChange.delete(row(1, "1234.50", 0.25))).build();
    }

    /** alter table adding a column; a DDL event has no key row (its record key is {@code {"_ddml_id": ...}}). */
    static DdmlEvent addColumn() {
        Column added = Column.builder("currency", PortableType.string(3)).nativeType("character(3)").length(3).build();
        List<Column> columns = new ArrayList<>(PAYMENTS.columns());
        columns.add(added);
        return event(400).transaction(null).schema(TableSchema.of(columns, PAYMENTS.primaryKey()))
                .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE payments ADD currency character(3)")
                        .added(List.of(added)).build())
                .build();
    }

    static List<DdmlEvent> all() {
        return List.of(insert(), update(), delete(), addColumn());
    }

    private static DdmlEvent.Builder event(long lsn) {
        return DdmlEvent.builder()
                .source(Source.of(SourceSystem.POSTGRESQL, "pg", "idaas", "public", "payments"))
                .position(Position.of(SortablePosition.of(SortablePosition.postgres(lsn, lsn), SortablePosition.Phase.CHANGE, 0),
                        Map.of("lsn", String.valueOf(lsn))))
                .transaction(new Transaction("tx-" + lsn, 1, 1L, null))
                .time(Timing.of(1_764_000_000_000_000L + lsn, 1_764_000_000_100_000L + lsn, 1_764_000_000_200_000L + lsn))
                .schema(PAYMENTS);
    }

    /** The record key as ToDdml emits it (SPEC.md section 9): the key row for DML, {@code {"_ddml_id": id}} for DDL. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> key(DdmlEvent event) {
        JsonNode key = DdmlJson.toTree(event).path("dml").path("key");
        return key.isObject() ? JSON.convertValue(key, Map.class) : Map.of("_ddml_id", event.id());
    }

    /** The event in avsc's JavaScript form of the DDML envelope (written as JSON): see the class comment. */
    static ObjectNode avroView(DdmlEvent event) {
        ObjectNode view = DdmlJson.toTree(event).deepCopy();
        if (view.path("dml") instanceof ObjectNode change) {
            for (String row : List.of("key", "before", "after")) {
                if (change.hasNonNull(row)) {
                    ObjectNode values = JSON.createObjectNode();
                    change.get(row).fields().forEachRemaining(e -> values.set(e.getKey(), value(e.getValue(), columnType(event, e.getKey()))));
                    change.set(row, values);
                }
            }
        }
        return view;
    }

    /** A key row in avsc's form of {@code map<Value>}: keys carry their values' JSON encodings (SPEC.md section 9). */
    static ObjectNode avroKeyView(Map<String, Object> key) {
        ObjectNode view = JSON.createObjectNode();
        JSON.valueToTree(key).fields().forEachRemaining(e -> view.set(e.getKey(), value(e.getValue(), null)));
        return view;
    }

    /**
     * {@code {"v": null}} for SQL NULL, else {@code {"v": {"<branch>": json}}}, an array's elements wrapped alike. The
     * branch is chosen by the portable type (SPEC.md section 8.2), or by the JSON type when there is none (keys).
     */
    private static ObjectNode value(JsonNode json, PortableType type) {
        ObjectNode value = JSON.createObjectNode();
        if (json.isNull()) {
            return value.putNull("v");
        }
        String branch = type == null ? branchOfJson(json) : switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT8, INT16, INT32, INT64 -> "long";
            case FLOAT32, FLOAT64 -> "double";       // non-finite ones too: "NaN" in JSON, a double in Avro
            case BYTES, GEOMETRY -> "bytes";         // the JSON's base64 is also the exchange form of Avro bytes
            case ARRAY, SET -> "array";
            default -> "string";                     // decimals, dates, times, uuid, json, enum: their canonical text
        };
        if (branch.equals("array")) {
            PortableType element = type == null ? null : type.kind() == TypeKind.SET ? PortableType.STRING : type.element();
            ArrayNode items = value.putObject("v").putArray("array");
            json.forEach(item -> items.add(value(item, element)));
        } else {
            value.putObject("v").set(branch, json);
        }
        return value;
    }

    private static String branchOfJson(JsonNode json) {
        return json.isBoolean() ? "boolean" : json.isIntegralNumber() ? "long" : json.isNumber() ? "double"
                : json.isArray() ? "array" : "string";
    }

    private static PortableType columnType(DdmlEvent event, String column) {
        return event.schema().columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().type();
    }

    /**
     * The tree without its null fields and empty arrays, so that an absent optional field (DDML JSON), its null
     * branch and an empty DDL list (Avro, which writes the schema's default) compare alike, as SPEC.md section 1 says.
     */
    static JsonNode withoutAbsent(JsonNode tree) throws IOException {
        return dropAbsent(JSON.readTree(JSON.writeValueAsBytes(tree))); // through text: numbers compare by value
    }

    private static JsonNode dropAbsent(JsonNode tree) {
        if (tree.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            tree.fields().forEachRemaining(e -> {
                JsonNode v = dropAbsent(e.getValue());
                if (!v.isNull() && !(v.isArray() && v.isEmpty())) {
                    copy.set(e.getKey(), v);
                }
            });
            return copy;
        }
        if (tree.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            tree.forEach(item -> copy.add(dropAbsent(item)));
            return copy;
        }
        return tree;
    }
}
