package io.idaas.transforms.ddml.dml;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.JsonValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The DDML record key (SPEC §9) as a schemaless map: the key row, or {@code {"_ddml_id": id}}. */
public final class DdmlKeys {

    /** The key field of events without a row key. */
    public static final String ID_FIELD = "_ddml_id";

    private DdmlKeys() {
    }

    /** The key of an event: its DML key row in key order, else {@code {"_ddml_id": id}}. */
    public static Map<String, Object> of(DdmlEvent event) {
        if (event.dml() != null && event.dml().key() != null) {
            return row(event.dml().key(), event.schema());
        }
        return Map.of(ID_FIELD, event.id());
    }

    /**
     * The change with its key row set explicitly from the row (after, else before), so that the
     * event's {@code dml.key} has the same column order whether built here or read back from JSON.
     */
    public static DmlChange withKeyRow(DmlChange dml, TableSchema schema) {
        if (dml.key() != null || dml.op() == DmlOp.TRUNCATE || schema.primaryKey().isEmpty()) {
            return dml;
        }
        Row source = dml.after() != null ? dml.after() : dml.before();
        Row.Builder key = Row.builder(schema);
        List<Column> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (schema.primaryKey().contains(c.name()) && source != null && source.has(c.name())) {
                key.put(i, source.get(c.name()));
            }
        }
        // shaped for the schema (its values are the row's, already checked), so the event takes it as it is
        return key.size() == schema.primaryKey().size() ? dml.withKey(key.shaped("key")) : dml;
    }

    /** A key row encoded as DDML JSON values, columns in key order. */
    public static Map<String, Object> row(Row key, TableSchema schema) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : schema.primaryKey()) {
            if (key.has(k)) {
                Column c = schema.column(k).orElseThrow();
                m.put(k, jsonValue(c, key.get(k)));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * A key value as the Java value of its DDML JSON: {@code JsonTrees.toJava(JsonValues.toJson(...))}, made directly
     * for the usual key types (integers as Long, strings as they are), without the JSON node in between.
     */
    private static Object jsonValue(Column c, Object value) {
        if (value == null) {
            return null;
        }
        return switch (c.type().kind()) {
            case INT8, INT16, INT32, INT64 -> ((Number) value).longValue();
            case STRING, JSON, ENUM -> value;
            case UUID -> value.toString();
            default -> JsonTrees.toJava(JsonValues.toJson(c.type(), value));
        };
    }
}
