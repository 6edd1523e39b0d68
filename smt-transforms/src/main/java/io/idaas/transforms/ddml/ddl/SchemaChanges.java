package io.idaas.transforms.ddml.ddl;

import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Position;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.debezium.BadRecord;
import io.idaas.transforms.ddml.debezium.SourceBlock;
import io.idaas.transforms.ddml.debezium.TableTopics;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import io.idaas.transforms.ddml.dml.EnvelopeParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps a Debezium schema-change event (the record a MySQL or MariaDB connector writes to the topic
 * named {@code topic.prefix}: {@code source}, {@code ts_ms}, {@code databaseName}, {@code ddl},
 * {@code tableChanges}) to DDML DDL events, one per table change of a captured table, each routed to
 * the topic of its table's data change events as Debezium names it ({@link TableTopics}: by default
 * {@code <topic.prefix>.<database>.<table>}, characters outside {@code [A-Za-z0-9._-]} replaced by
 * {@code _}). Alterations are described against the shape the previous schema-change event gave the
 * table, when the task has seen one; else (the task started again since, or reads the change again from an earlier
 * offset: the table's previous shape is in no event it has seen) by what the statement itself names
 * ({@link SchemaDiff#alterByStatement}).
 */
public final class SchemaChanges {

    private SchemaChanges() {
    }

    /** Whether a record value is a Debezium schema-change event. */
    public static boolean isSchemaChange(Object value) {
        return value instanceof Struct s && s.schema().field("tableChanges") != null && s.schema().field("ddl") != null
            && s.schema().field("source") != null;
    }

    /** The DDL events of a schema-change record, in order; empty for statements DDML does not describe. */
    @SuppressWarnings("unchecked")
    public static List<DdmlOutput> map(ConnectRecord<?> record, MappingContext ctx) {
        Struct value = (Struct) record.value();
        SourceBlock source = SourceBlock.of((Struct) value.get("source"))
            .orElseThrow(() -> BadRecord.notDebezium(record, "the schema-change event's source.connector is not a known connector"));
        String statement = value.getString("ddl");
        String database = value.schema().field("databaseName") == null ? null : value.getString("databaseName");
        List<Struct> changes = value.get("tableChanges") == null ? List.of() : (List<Struct>) value.get("tableChanges");
        List<Planned> planned = new ArrayList<>();
        try {
            Optional<String> truncated = DdlStatements.truncatedTable(statement);
            if (truncated.isPresent()) {
                TableRef ref = changes.isEmpty() ? new TableRef(database != null ? database : source.database(), null, truncated.get())
                    : TableChangeReader.tableRef(changes.get(0).getString("id"), database);
                planned.add(new Planned(ref, null, DdlChange.builder(DdlOp.TRUNCATE_TABLE).statement(statement).build()));
            } else {
                for (Struct change : changes) {
                    planned.add(plan(source, change, statement, database, ctx));
                }
            }
        } catch (RuntimeException e) {
            throw BadRecord.unmappable(record, "the schema change '" + abbreviate(statement) + "' does not map to DDML: " + e.getMessage(),
                "the column type is not in DDML's mapping tables (SPEC §10); report it with the statement", e);
        }
        planned.removeIf(p -> !captured(ctx.tableTopics(), source.system(), p));
        List<DdmlOutput> out = new ArrayList<>();
        long captureUs = value.schema().field("ts_ms") != null && value.get("ts_ms") != null ? value.getInt64("ts_ms") * 1000L
            : ctx.nowMicros();
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            DdmlEvent event = DdmlEvent.builder()
                .source(Source.of(source.system(), source.name(), p.ref.database(), p.ref.schema(), p.ref.table()))
                .position(position(source, i, ctx))
                .transaction(transaction(source, i, planned.size()))
                .time(Timing.of(source.commitMicros(), captureUs, ctx.nowMicros()))
                .schema(p.schema)
                .ddl(p.change)
                .build();
            String topic = ctx.tableTopics().topic(record.topic(), source.system(), p.ref);
            ctx.ddlTopics().put(new TableKey(source.name(), p.ref.database(), p.ref.schema(), p.ref.table()), topic);
            out.add(DdmlOutput.of(topic, event));
        }
        return out;
    }

    /** Whether the connector captures the table, or, for a rename, the table under its old name. */
    private static boolean captured(TableTopics topics, SourceSystem system, Planned p) {
        if (topics.captured(system, p.ref)) {
            return true;
        }
        TableRef from = p.change.renamedFrom();
        return from != null && topics.captured(system, from);
    }

    private record Planned(TableRef ref, TableSchema schema, DdlChange change) {
    }

    private static Planned plan(SourceBlock source, Struct change, String statement, String database, MappingContext ctx) {
        TableRef ref = TableChangeReader.tableRef(change.getString("id"), database);
        TableKey key = new TableKey(source.name(), ref.database(), ref.schema(), ref.table());
        Struct table = change.schema().field("table") == null ? null : (Struct) change.get("table");
        TableSchema previous = ctx.ddlShapes().get(key);
        TableSchema shape = table == null ? null : TableChangeReader.schema(source.system(), table, statement, previous);
        String type = change.getString("type");
        switch (type) {
            case "CREATE" -> {
                ctx.ddlShapes().put(key, shape);
                return new Planned(ref, shape, SchemaDiff.create(shape).statement(statement).build());
            }
            case "DROP" -> {
                ctx.ddlShapes().remove(key);
                return new Planned(ref, shape != null ? shape : previous, DdlChange.builder(DdlOp.DROP_TABLE).statement(statement).build());
            }
            case "ALTER" -> {
                Optional<String> from = DdlStatements.renamedTableFrom(statement).filter(f -> !f.equals(ref.table()));
                if (from.isPresent()) {
                    TableKey oldKey = new TableKey(source.name(), ref.database(), ref.schema(), from.get());
                    ctx.ddlShapes().remove(oldKey);
                    ctx.ddlShapes().put(key, shape);
                    DdlChange rename = DdlChange.builder(DdlOp.RENAME_TABLE).statement(statement)
                        .renamedFrom(new TableRef(ref.database(), ref.schema(), from.get())).build();
                    return new Planned(ref, shape, rename);
                }
                ctx.ddlShapes().put(key, shape);
                DdlChange.Builder b = previous == null ? SchemaDiff.alterByStatement(shape, statement)
                    : SchemaDiff.alter(previous, shape, DdlStatements.columnRenames(statement));
                return new Planned(ref, shape, b.statement(statement).build());
            }
            default -> throw new IllegalArgumentException("unknown table change type " + type);
        }
    }

    private static Position position(SourceBlock source, int ordinal, MappingContext ctx) {
        if (source.snapshot()) {
            return EnvelopeParts.position(source, true, ctx);
        }
        return io.idaas.transforms.ddml.position.Positions.of(source, false).toPosition(ordinal);
    }

    private static Transaction transaction(SourceBlock source, int ordinal, int total) {
        String gtid = source.text("gtid");
        return gtid == null || source.snapshot() ? null : new Transaction(gtid, ordinal + 1, null, (long) total);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
