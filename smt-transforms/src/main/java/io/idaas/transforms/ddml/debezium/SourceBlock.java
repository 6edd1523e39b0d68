package io.idaas.transforms.ddml.debezium;

import io.idaas.ddml.SourceSystem;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Typed, tolerant access to the {@code source} block of a Debezium event: fields that a connector
 * does not write read as null instead of failing.
 *
 * @param struct the source block
 * @param system the source system, from {@code source.connector}
 */
public record SourceBlock(Struct struct, SourceSystem system) {

    /** Reads the block; the system comes from {@code connector} ({@code postgresql}, {@code mysql}, ...). */
    public static Optional<SourceBlock> of(Struct source) {
        if (source == null || source.schema().field("connector") == null) {
            return Optional.empty();
        }
        Object connector = source.get("connector");
        if (!(connector instanceof String name)) {
            return Optional.empty();
        }
        return SourceSystem.of(name.toLowerCase(Locale.ROOT)).map(s -> new SourceBlock(source, s));
    }

    /** The field's value, or null when the block has no such field. */
    public Object get(String field) {
        Field f = struct.schema().field(field);
        return f == null ? null : struct.get(f);
    }

    /** The field as text (numbers in decimal), or null. */
    public String text(String field) {
        Object v = get(field);
        return v == null ? null : v.toString();
    }

    /** The field as a long, or null. */
    public Long number(String field) {
        Object v = get(field);
        if (v instanceof Number n) {
            return n.longValue();
        }
        return v instanceof String s && io.idaas.ddml.types.CanonicalText.isInteger(s) ? Long.parseLong(s) : null;
    }

    /** {@code source.name}: the logical server name (topic.prefix). */
    public String name() {
        return text("name");
    }

    /** {@code source.db}. */
    public String database() {
        return text("db");
    }

    /** {@code source.schema}, where the system has schemas. */
    public String schema() {
        return system == SourceSystem.MYSQL || system == SourceSystem.MARIADB || system == SourceSystem.MONGODB
            ? null : text("schema");
    }

    /** {@code source.table}, or {@code source.collection} for MongoDB. */
    public String table() {
        return system == SourceSystem.MONGODB ? text("collection") : text("table");
    }

    /** Whether the event is a snapshot read ({@code source.snapshot} other than {@code false}). */
    public boolean snapshot() {
        String s = text("snapshot");
        return s != null && !s.equalsIgnoreCase("false");
    }

    /** The commit time in microseconds: {@code ts_us}, else {@code ts_ms * 1000}; null when neither is set. */
    public Long commitMicros() {
        Long us = number("ts_us");
        if (us != null) {
            return us;
        }
        Long ms = number("ts_ms");
        return ms == null ? null : Math.multiplyExact(ms, 1000L);
    }
}
