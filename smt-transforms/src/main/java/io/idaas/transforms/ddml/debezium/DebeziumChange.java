package io.idaas.transforms.ddml.debezium;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A Debezium data change event read from a record: the envelope's parts, checked.
 *
 * @param op          Debezium's op: {@code c}, {@code u}, {@code d}, {@code r} or {@code t}
 * @param source      the source block
 * @param before      the {@code before} value: a Struct for relational connectors, a JSON String for MongoDB; may be null
 * @param after       the {@code after} value, likewise
 * @param rowSchema   the Connect schema of a row (of {@code before}/{@code after}); null for MongoDB
 * @param captureUs   when the connector processed the event: {@code ts_us}, else {@code ts_ms * 1000}
 * @param transaction the {@code transaction} block, or null
 * @param value       the whole envelope
 */
public record DebeziumChange(String op, SourceBlock source, Object before, Object after, Schema rowSchema,
                             long captureUs, Struct transaction, Struct value) {

    /**
     * Reads the envelope of {@code record}.
     *
     * @throws org.apache.kafka.connect.errors.DataException naming the record when it is not a Debezium change event
     */
    public static DebeziumChange of(ConnectRecord<?> record) {
        if (!(record.value() instanceof Struct value)) {
            throw BadRecord.notDebezium(record, "the value is a " + record.value().getClass().getName() + ", not a Connect Struct");
        }
        Schema schema = value.schema();
        if (schema.field("op") == null || schema.field("source") == null) {
            throw BadRecord.notDebezium(record, "the value (" + describe(schema) + ") has no 'op' or no 'source' field");
        }
        if (!(value.get("op") instanceof String op) || op.length() != 1 || "cudrt".indexOf(op.charAt(0)) < 0) {
            throw BadRecord.notDebezium(record, "'op' is " + value.get("op") + ", not one of c, u, d, r, t");
        }
        if (!(value.get("source") instanceof Struct sourceStruct)) {
            throw BadRecord.notDebezium(record, "'source' is not a Struct");
        }
        SourceBlock source = SourceBlock.of(sourceStruct).orElseThrow(() -> BadRecord.notDebezium(record,
            "source.connector is " + (sourceStruct.schema().field("connector") == null ? "missing" : "'" + sourceStruct.get("connector") + "'")
                + ", not one of postgresql, mysql, mariadb, oracle, sqlserver, mongodb, db2"));
        if (source.name() == null || source.table() == null) {
            throw BadRecord.notDebezium(record, "the source block has no 'name' or no table/collection");
        }
        Field beforeField = schema.field("before");
        Field afterField = schema.field("after");
        Schema rowSchema = afterField != null ? afterField.schema() : beforeField != null ? beforeField.schema() : null;
        if (rowSchema != null && rowSchema.type() != Schema.Type.STRUCT) {
            rowSchema = null;
        }
        Object before = beforeField == null ? null : value.get(beforeField);
        Object after = afterField == null ? null : value.get(afterField);
        Field tx = schema.field("transaction");
        return new DebeziumChange(op, source, before, after, rowSchema, captureUs(value, source, record),
            tx == null ? null : (Struct) value.get(tx), value);
    }

    private static long captureUs(Struct value, SourceBlock source, ConnectRecord<?> record) {
        if (value.schema().field("ts_us") != null && value.get("ts_us") instanceof Long us) {
            return us;
        }
        if (value.schema().field("ts_ms") != null && value.get("ts_ms") instanceof Long ms) {
            return ms * 1000L;
        }
        Long commit = source.commitMicros();
        if (commit != null) {
            return commit;
        }
        throw BadRecord.notDebezium(record, "the event has no ts_us or ts_ms");
    }

    /** Whether this is a snapshot read. */
    public boolean isRead() {
        return op.equals("r");
    }

    /** A struct schema for messages: its name when it has one (a Debezium envelope's does), and its fields. */
    private static String describe(Schema schema) {
        return (schema.name() == null ? "an unnamed struct" : "struct " + schema.name()) + " with fields "
            + schema.fields().stream().map(Field::name).toList();
    }
}
