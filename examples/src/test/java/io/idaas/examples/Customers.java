package io.idaas.examples;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hand-made DDML events of a MariaDB table {@code shop.customers} (id BIGINT key, name VARCHAR(6), email VARCHAR(64),
 * score INT), made with ddml-converter's model, and their records as a source connector writes them (ToDdml's output,
 * {@link DdmlOutput}) and as a sink connector reads them ({@link DdmlConverter}, JSON).
 */
public final class Customers {

    public static final String TOPIC = "shop.shop.customers";

    public static final Column ID = Column.builder("id", PortableType.INT64).nativeType("BIGINT").nullable(false).build();
    public static final Column NAME = Column.builder("name", PortableType.string(6)).nativeType("VARCHAR(6)").length(6)
        .build();
    public static final Column EMAIL = Column.builder("email", PortableType.string(64)).nativeType("VARCHAR(64)")
        .length(64).build();
    public static final Column SCORE = Column.builder("score", PortableType.INT32).nativeType("INT").build();
    public static final TableSchema SCHEMA = TableSchema.of(List.of(ID, NAME, EMAIL, SCORE), List.of("id"));

    private static long pos = 4;

    private Customers() {
    }

    public static Row row(long id, String name, String email, Integer score) {
        return Row.of("id", id, "name", name, "email", email, "score", score);
    }

    public static DdmlEvent insert(Row after) {
        return dml(DmlChange.insert(after));
    }

    public static DdmlEvent update(Row before, Row after) {
        return dml(DmlChange.update(before, after));
    }

    public static DdmlEvent delete(Row before) {
        return dml(DmlChange.delete(before));
    }

    public static DdmlEvent dml(DmlChange dml) {
        return event(SCHEMA).dml(dml).build();
    }

    /** An alter_table adding {@code column} at the end of {@link #SCHEMA}. */
    public static DdmlEvent addColumn(Column column) {
        List<Column> columns = new ArrayList<>(SCHEMA.columns());
        columns.add(column);
        return event(TableSchema.of(columns, SCHEMA.primaryKey())).ddl(DdlChange.builder(DdlOp.ALTER_TABLE)
            .statement("ALTER TABLE customers ADD COLUMN " + column.name() + " " + column.nativeType())
            .added(List.of(column)).build()).build();
    }

    /** An alter_table changing {@code before} into {@code after} in {@link #SCHEMA}. */
    public static DdmlEvent modifyColumn(Column before, Column after) {
        List<Column> columns = new ArrayList<>(SCHEMA.columns());
        columns.replaceAll(c -> c.name().equals(before.name()) ? after : c);
        return event(TableSchema.of(columns, SCHEMA.primaryKey())).ddl(DdlChange.builder(DdlOp.ALTER_TABLE)
            .statement("ALTER TABLE customers MODIFY " + after.name() + " " + after.nativeType())
            .modified(List.of(new ModifiedColumn(before, after))).build()).build();
    }

    private static DdmlEvent.Builder event(TableSchema schema) {
        pos += 100;
        return DdmlEvent.builder().source(Source.of(SourceSystem.MARIADB, "shop", "shop", null, "customers"))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("mariadb-bin.000004", pos),
                SortablePosition.Phase.CHANGE, 0), Map.of("file", "mariadb-bin.000004", "pos", String.valueOf(pos))))
            .time(Timing.of(1_765_000_000_000_000L, 1_765_000_000_100_000L, 1_765_000_000_200_000L))
            .schema(schema);
    }

    /** The record a DDML source writes for the event (ToDdml, DdmlSourceConnector), with the ddml.* headers. */
    public static SourceRecord source(DdmlEvent event) {
        DdmlOutput out = DdmlOutput.of(TOPIC, event);
        ConnectHeaders headers = new ConnectHeaders();
        out.headers().forEach(headers::addString);
        return new SourceRecord(Map.of("server", "shop"), Map.of("pos", 1), TOPIC, null, null, out.key(), null,
            out.value(), 1_765_000_000_200L, headers);
    }

    /** The record a sink reads at {@code offset} of partition 0 with {@code value.converter=DdmlConverter} (JSON). */
    public static SinkRecord sink(DdmlEvent event, long offset) {
        SourceRecord written = source(event);
        DdmlConverter keys = converter(true);
        DdmlConverter values = converter(false);
        SchemaAndValue key = keys.toConnectData(TOPIC, keys.fromConnectData(TOPIC, null, written.key()));
        SchemaAndValue value = values.toConnectData(TOPIC, values.fromConnectData(TOPIC, null, written.value()));
        return new SinkRecord(TOPIC, 0, null, key.value(), null, value.value(), offset, written.timestamp(),
            TimestampType.CREATE_TIME, written.headers());
    }

    private static DdmlConverter converter(boolean isKey) {
        DdmlConverter c = new DdmlConverter();
        c.configure(Map.of("ddml.format", "json"), isKey);
        return c;
    }
}
