package io.idaas.transforms.ddml.dml;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Omitted;
import io.idaas.ddml.Row;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.debezium.BadRecord;
import io.idaas.transforms.ddml.debezium.DebeziumChange;
import io.idaas.transforms.ddml.debezium.RefusedValueException;
import io.idaas.transforms.ddml.debezium.SourceBlock;
import io.idaas.transforms.ddml.types.ColumnFactory;
import io.idaas.transforms.ddml.types.SourceValues;
import io.idaas.transforms.ddml.types.ValueConverter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps a Debezium change event of a relational connector (PostgreSQL, MySQL, MariaDB, Oracle, SQL
 * Server, Db2) to a DDML DML event: the table schema from the row's Connect schema, the rows with
 * every value converted exactly to its portable type.
 */
public final class RelationalDml {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RelationalDml.class);

    private RelationalDml() {
    }

    /**
     * The DDML event of {@code change}, read from {@code record}. A change holding a value DDML cannot carry exactly
     * (SPEC.md §8.1) in its new row or its key becomes the same event without its rows, {@code dml.omitted} naming the
     * column and the value ({@code unrepresentable_value}, SPEC.md §6.1); such a value in the old row ({@code before})
     * of an update or delete is left out of it (absent: unknown, SPEC.md §6), and the change is carried.
     */
    public static DdmlEvent map(ConnectRecord<?> record, DebeziumChange change, MappingContext ctx) {
        if (change.rowSchema() == null) {
            throw BadRecord.notDebezium(record, "the value has no Struct 'before' or 'after' field");
        }
        TableSchema schema = schema(record, change, ctx);
        DmlChange dml;
        try {
            dml = DdmlKeys.withKeyRow(change(record, change, schema, ctx), schema);
        } catch (RefusedValueException e) {
            return omitted(record, change, schema, ctx, e);
        }
        try {
            return EnvelopeParts.builder(change, ctx).schema(schema).dml(dml).build();
        } catch (IllegalArgumentException e) {
            throw BadRecord.unmappable(record, "the change does not make a valid DDML event: " + e.getMessage(),
                "check that the connector's key and row schemas agree (message.key.columns)", e);
        }
    }

    private static DmlChange change(ConnectRecord<?> record, DebeziumChange change, TableSchema schema, MappingContext ctx) {
        Row before = row(record, change, (Struct) change.before(), schema, ctx, "before");
        Row after = row(record, change, (Struct) change.after(), schema, ctx, "after");
        if (before != null && change.op().equals("d") && change.source().system() == SourceSystem.POSTGRESQL) {
            before = keyOnlyWhenRestNull(before, schema);
        }
        return switch (change.op()) {
            case "c" -> DmlChange.insert(require(record, after, "after", change.op()));
            case "r" -> DmlChange.read(require(record, after, "after", change.op()));
            case "u" -> DmlChange.update(before, require(record, after, "after", change.op()));
            case "d" -> before != null ? DmlChange.delete(before) : deleteByKey(record, schema, ctx);
            default -> DmlChange.truncate();
        };
    }

    /**
     * The change without its rows (SPEC.md §6.1, reason {@code unrepresentable_value}): its key from the record's key
     * when every key value has a DDML value, else none (the record's key is then {@code {"_ddml_id": id}}).
     */
    private static DdmlEvent omitted(ConnectRecord<?> record, DebeziumChange change, TableSchema schema, MappingContext ctx,
                                     RefusedValueException refusal) {
        DmlOp op = switch (change.op()) {
            case "c" -> DmlOp.INSERT;
            case "r" -> DmlOp.READ;
            case "u" -> DmlOp.UPDATE;
            case "d" -> DmlOp.DELETE;
            default -> throw refusal; // a truncate has no values
        };
        Row key = keyOrNull(record, change, schema);
        String detail = key != null || schema.primaryKey().isEmpty() ? refusal.reason()
            : refusal.reason() + "; the key cannot be carried either, so the event has none";
        try {
            return EnvelopeParts.builder(change, ctx).specVersion(Omitted.SPEC_VERSION).schema(schema)
                .dml(new DmlChange(op, key, null, null, null, Omitted.unrepresentableValue(detail))).build();
        } catch (IllegalArgumentException e) {
            throw BadRecord.unmappable(record, "the change does not make a valid DDML event: " + e.getMessage(),
                "check that the connector's key and row schemas agree (message.key.columns)", e);
        }
    }

    /** The key row from the record's Debezium key, in key order; null when the table has none or a value is refused. */
    private static Row keyOrNull(ConnectRecord<?> record, DebeziumChange change, TableSchema schema) {
        if (!(record.key() instanceof Struct key) || schema.primaryKey().isEmpty()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String k : schema.primaryKey()) {
            Column c = schema.column(k).orElseThrow();
            Field f = key.schema().field(k);
            if (f == null) {
                return null;
            }
            try {
                values.put(k, SourceValues.restore(change.source().system(), change.op(), c,
                    ValueConverter.convert(f.schema(), key.get(f), c.type())));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return Row.of(values);
    }

    /** The table schema of a change: columns in Connect-schema order, the key from the record key's fields. */
    static TableSchema schema(ConnectRecord<?> record, DebeziumChange change, MappingContext ctx) {
        SourceBlock s = change.source();
        TableSchema known = ctx.ddlShapes().get(new TableKey(s.name(), s.database(), s.schema(), s.table()));
        TableSchema schema = ctx.dmlSchema(change.rowSchema(), record.keySchema(), known, () -> build(record, change, known));
        ctx.topicShapes().put(record.topic(), new MappingContext.TopicShape(s.system(), schema));
        return schema;
    }

    private static TableSchema build(ConnectRecord<?> record, DebeziumChange change, TableSchema known) {
        SourceBlock s = change.source();
        List<Column> columns = new ArrayList<>();
        for (Field f : change.rowSchema().fields()) {
            Column c = ColumnFactory.fromConnect(s.system(), f.name(), f.schema());
            columns.add(withKnownDefault(c, known));
        }
        List<String> pk = new ArrayList<>();
        if (record.keySchema() != null && record.keySchema().type() == Schema.Type.STRUCT) {
            for (Field f : record.keySchema().fields()) {
                if (change.rowSchema().field(f.name()) != null) {
                    pk.add(f.name());
                }
            }
        }
        return TableSchema.of(columns, pk);
    }

    /** The default of a column as the last schema-change event gave it, when the column is otherwise the same. */
    private static Column withKnownDefault(Column c, TableSchema known) {
        if (known == null) {
            return c;
        }
        return known.column(c.name())
            .filter(k -> k.type().equals(c.type()) && k.nullable() == c.nullable()
                && java.util.Objects.equals(k.nativeType(), c.nativeType()))
            .map(k -> new Column(c.name(), c.type(), c.nativeType(), c.nullable(), k.defaultValue(), c.length(), c.precision(), c.scale()))
            .orElse(c);
    }

    private static Row row(ConnectRecord<?> record, DebeziumChange change, Struct struct, TableSchema schema, MappingContext ctx,
                           String what) {
        if (struct == null) {
            return null;
        }
        SourceSystem system = change.source().system();
        List<Column> columns = schema.columns();
        Field[] fields = ctx.rowFields(change.rowSchema(), schema);
        Row.Builder values = Row.builder(schema);
        for (int i = 0; i < fields.length; i++) {
            Column c = columns.get(i);
            Field f = fields[i];
            Object raw = struct.get(f);
            if (isUnavailable(raw, ctx.unavailableValue())) {
                continue;
            }
            try {
                values.put(i, SourceValues.restore(system, change.op(), c, ValueConverter.convert(f.schema(), raw, c.type())));
            } catch (RuntimeException e) {
                if (what.equals("before") && !schema.primaryKey().contains(c.name())) {
                    // Not needed to apply the change: left out of before, where absent means unknown (SPEC.md section 6).
                    LOG.debug("{}: column {} of before left out: {}", BadRecord.where(record), c.name(), e.getMessage());
                    continue;
                }
                throw BadRecord.refusedValue(record, "column " + c.name() + " (" + what + ", " + describe(f.schema())
                    + ", portable type " + c.type() + "): " + e.getMessage(), e);
            }
        }
        try {
            return values.shaped(what); // normalized here once: the event takes it as it is
        } catch (IllegalArgumentException e) {
            throw BadRecord.unmappable(record, "the change does not make a valid DDML event: " + e.getMessage(),
                "check that the connector's key and row schemas agree (message.key.columns)", e);
        }
    }

    private static String describe(Schema s) {
        return s.name() != null ? s.name() : s.type().getName();
    }

    /** Whether a value is Debezium's placeholder for a value it does not have (an unchanged TOASTed column). */
    static boolean isUnavailable(Object raw, String placeholder) {
        if (raw == null || placeholder == null || raw instanceof Number || raw instanceof Boolean) {
            return false; // most values: ruled out by class checks, before the interface check (List) below
        }
        if (raw instanceof String s) {
            return s.equals(placeholder);
        }
        if (raw instanceof byte[] b) {
            return Arrays.equals(b, placeholder.getBytes(StandardCharsets.UTF_8));
        }
        if (raw instanceof java.nio.ByteBuffer b) {
            return b.equals(java.nio.ByteBuffer.wrap(placeholder.getBytes(StandardCharsets.UTF_8)));
        }
        return raw instanceof List<?> l && l.size() == 1 && isUnavailable(l.get(0), placeholder);
    }

    /**
     * PostgreSQL's default replica identity gives only the key columns of a deleted row; Debezium fills
     * the others with NULL, or with a stand-in (0, '', the epoch) where the column is NOT NULL. When
     * every non-key column holds such a filler, the row is taken as key-only (absent means unknown).
     */
    private static Row keyOnlyWhenRestNull(Row before, TableSchema schema) {
        if (schema.primaryKey().isEmpty()) {
            return before;
        }
        Map<String, Object> key = new LinkedHashMap<>();
        for (Column c : schema.columns()) {
            Object v = before.get(c.name());
            if (schema.primaryKey().contains(c.name())) {
                key.put(c.name(), v);
            } else if (v != null && (c.nullable() || !isFiller(v))) {
                return before;
            }
        }
        return Row.of(key);
    }

    private static boolean isFiller(Object v) {
        if (v instanceof Number n) {
            return n instanceof BigDecimal d ? d.signum() == 0 : n.doubleValue() == 0;
        }
        if (v instanceof String s) {
            return s.isEmpty();
        }
        if (v instanceof byte[] b) {
            return b.length == 0;
        }
        if (v instanceof List<?> l) {
            return l.isEmpty();
        }
        return Boolean.FALSE.equals(v) || LocalDate.EPOCH.equals(v) || LocalTime.MIDNIGHT.equals(v)
            || LocalDateTime.of(1970, 1, 1, 0, 0).equals(v) || Instant.EPOCH.equals(v);
    }

    private static DmlChange deleteByKey(ConnectRecord<?> record, TableSchema schema, MappingContext ctx) {
        if (!(record.key() instanceof Struct key) || schema.primaryKey().isEmpty()) {
            throw BadRecord.unmappable(record, "a delete without 'before' and without a key",
                "give the table a primary key or REPLICA IDENTITY FULL", null);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String k : schema.primaryKey()) {
            Column c = schema.column(k).orElseThrow();
            try {
                values.put(k, ValueConverter.convert(key.schema().field(k).schema(), key.get(k), c.type()));
            } catch (RuntimeException e) {
                throw BadRecord.refusedValue(record, "key column " + k + " (portable type " + c.type() + "): " + e.getMessage(), e);
            }
        }
        return new DmlChange(DmlOp.DELETE, Row.of(values), null, null, null);
    }

    private static Row require(ConnectRecord<?> record, Row row, String what, String op) {
        if (row == null) {
            throw BadRecord.notDebezium(record, "op '" + op + "' without '" + what + "'");
        }
        return row;
    }
}
