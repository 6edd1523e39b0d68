package io.idaas.transforms.ddml.process;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hand-made DDML records of a MariaDB table {@code shop.orders} (id BIGINT key, status, amount, email, created), as
 * ToDdml writes them on the source side ({@link #source}) and as DdmlConverter reads them back on the sink side
 * ({@link #sink}: the event written to JSON bytes and read again by the converter).
 */
public final class Orders {

    public static final String TOPIC = "shop.shop.orders";

    public static final Column ID = Column.builder("id", PortableType.INT64).nativeType("BIGINT").nullable(false).build();
    public static final Column STATUS = Column.builder("status", PortableType.string(16)).nativeType("VARCHAR(16)")
        .defaultValue("'new'").length(16).build();
    public static final Column AMOUNT = Column.builder("amount", PortableType.decimal(10, 2)).nativeType("DECIMAL(10,2)")
        .precision(10, 2).build();
    public static final Column EMAIL = Column.builder("email", PortableType.string(64)).nativeType("VARCHAR(64)")
        .length(64).build();
    public static final Column CREATED = Column.builder("created", PortableType.timestamp(6)).nativeType("DATETIME(6)")
        .build();
    public static final TableSchema SCHEMA = TableSchema.of(List.of(ID, STATUS, AMOUNT, EMAIL, CREATED), List.of("id"));

    private static long pos = 1000;

    private Orders() {
    }

    /** The source block of {@code database.table} on MariaDB. */
    public static Source table(String database, String table) {
        return Source.of(SourceSystem.MARIADB, "shop", database, null, table);
    }

    /** A row of the table. */
    public static Row row(long id, String status, String amount, String email) {
        return Row.of("id", id, "status", status, "amount", amount == null ? null : new BigDecimal(amount), "email", email,
            "created", LocalDateTime.of(2025, 3, 14, 9, 26, 53, 589_000));
    }

    /** A DML event of {@code shop.orders}. */
    public static DdmlEvent dml(DmlChange dml) {
        return dml(table("shop", "orders"), SCHEMA, dml);
    }

    /** A DML event of a table of that schema. */
    public static DdmlEvent dml(Source source, TableSchema schema, DmlChange dml) {
        return event(source, schema).dml(dml).build();
    }

    /** A DDL event of {@code shop.orders}; the schema is the shape after it (null for drop_table). */
    public static DdmlEvent ddl(DdlChange ddl, TableSchema schema) {
        return event(table("shop", "orders"), schema).ddl(ddl).build();
    }

    /** An alter_table adding {@code column} (at the end) to {@link #SCHEMA}, with its statement. */
    public static DdmlEvent addColumn(Column column) {
        List<Column> columns = new ArrayList<>(SCHEMA.columns());
        columns.add(column);
        return ddl(DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE orders ADD COLUMN " + column.name() + " "
            + column.nativeType()).added(List.of(column)).build(), TableSchema.of(columns, SCHEMA.primaryKey()));
    }

    /** The create_table of {@link #SCHEMA}. */
    public static DdmlEvent create() {
        return ddl(DdlChange.builder(DdlOp.CREATE_TABLE).statement("CREATE TABLE orders (id BIGINT PRIMARY KEY, status "
            + "VARCHAR(16) DEFAULT 'new', amount DECIMAL(10,2), email VARCHAR(64), created DATETIME(6))")
            .added(SCHEMA.columns()).primaryKey(SCHEMA.primaryKey()).build(), SCHEMA);
    }

    private static DdmlEvent.Builder event(Source source, TableSchema schema) {
        pos++;
        return DdmlEvent.builder().source(source)
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("mariadb-bin.000003", pos),
                SortablePosition.Phase.CHANGE, 0), Map.of("file", "mariadb-bin.000003", "pos", String.valueOf(pos))))
            .transaction(new Transaction("0-1-" + pos, 1, 1L, null)).time(Timing.of(1_741_944_413_000_000L,
                1_741_944_413_100_000L, 1_741_944_413_200_000L))
            .schema(schema);
    }

    /** The record ToDdml writes for the event on {@link #TOPIC}, with the ddml.* headers. */
    public static SourceRecord source(DdmlEvent event) {
        return source(TOPIC, event);
    }

    /** The record ToDdml writes for the event on {@code topic}, with the ddml.* headers. */
    public static SourceRecord source(String topic, DdmlEvent event) {
        DdmlOutput out = DdmlOutput.of(topic, event);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("other", "kept");
        out.headers().forEach(headers::addString);
        return new SourceRecord(Map.of("server", "shop"), Map.of("pos", 1), topic, null, null, out.key(), null,
            out.value(), 1_741_944_413_200L, headers);
    }

    /** The record a sink reads with DdmlConverter (JSON) for the event ToDdml wrote on {@link #TOPIC}. */
    public static SinkRecord sink(DdmlEvent event) {
        SourceRecord written = source(event);
        DdmlConverter keys = converter(true);
        DdmlConverter values = converter(false);
        SchemaAndValue key = keys.toConnectData(TOPIC, keys.fromConnectData(TOPIC, null, written.key()));
        SchemaAndValue value = values.toConnectData(TOPIC, values.fromConnectData(TOPIC, null, written.value()));
        ConnectHeaders headers = new ConnectHeaders();
        written.headers().forEach(headers::add);
        return new SinkRecord(TOPIC, 3, null, key.value(), null, value.value(), 42L, written.timestamp(),
            TimestampType.CREATE_TIME, headers);
    }

    /** A sink record of a tombstone with that key. */
    public static SinkRecord sinkTombstone(Map<String, Object> key) {
        return new SinkRecord(TOPIC, 3, null, key, null, null, 43L);
    }

    private static DdmlConverter converter(boolean isKey) {
        DdmlConverter c = new DdmlConverter();
        c.configure(Map.of("ddml.format", "json"), isKey);
        return c;
    }

    /** Both record forms of an event, for tests that run on each side. */
    public static List<ConnectRecord<?>> bothSides(DdmlEvent event) {
        return List.of(source(event), sink(event));
    }
}
