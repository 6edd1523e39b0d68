package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;


import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Test records for tests outside this package (the source connector's). */
public final class DebeziumRecordsAccess {

    private final DebeziumRecords records;
    private final boolean widened;

    private DebeziumRecordsAccess(boolean widened) {
        this.widened = widened;
        this.records = DebeziumRecords.postgres("items")
            .column("id", typed(SchemaBuilder.int32(), "INT4", 10, 0))
            .column("name", typed(SchemaBuilder.string().optional(), "TEXT", Integer.MAX_VALUE, 0));
        if (widened) {
            records.column("unit", typed(SchemaBuilder.string().optional(), "VARCHAR", 16, 0));
        }
        records.key("id");
    }

    /** A PostgreSQL table items(id int4 primary key, name text). */
    public static DebeziumRecordsAccess postgresTable() {
        return new DebeziumRecordsAccess(false);
    }

    /** The same table with a column unit varchar(16) added. */
    public DebeziumRecordsAccess widened() {
        return widened ? this : new DebeziumRecordsAccess(true);
    }

    public SourceRecord insert(Object... values) {
        return records.insert(values);
    }

    public SourceRecord tombstone(Object... key) {
        return records.tombstone(key);
    }

    /** A MariaDB schema change dropping tables a and b. */
    public static SourceRecord dropTwoTables() {
        return SchemaChangeRecords.mariadb().record("shop", "DROP TABLE a, b",
            new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"a\""),
            new Struct(SchemaChangeRecords.CHANGE).put("type", "DROP").put("id", "\"shop\".\"b\""));
    }

    /** An insert into a PostgreSQL table whose timestamptz column holds 'infinity', which DDML refuses. */
    public static SourceRecord infinityInsert() {
        return DebeziumRecords.postgres("events")
            .column("id", typed(SchemaBuilder.int32(), "INT4", 10, 0))
            .column("at", typed(SchemaBuilder.string().optional().name("io.debezium.time.ZonedTimestamp"), "TIMESTAMPTZ", 35, 6))
            .key("id").insert(1, "infinity");
    }

    /** A MariaDB schema change creating {@code shop.<table>(id INT PRIMARY KEY)}. */
    public static SourceRecord createTable(String table) {
        return SchemaChangeRecords.mariadb().record("shop", "CREATE TABLE " + table + " (id INT PRIMARY KEY)",
            SchemaChangeRecords.change("CREATE", "shop", table, java.util.List.of("id"),
                SchemaChangeRecords.column("id", "INT", null, null, 1, false, null)));
    }

    /** A Debezium heartbeat. */
    public static SourceRecord heartbeat() {
        Schema hb = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat").field("ts_ms", Schema.INT64_SCHEMA).build();
        return new SourceRecord(Map.of("server", "pg"), Map.of("lsn", 1), "__debezium-heartbeat.pg", null, hb, new Struct(hb).put("ts_ms", 1L));
    }

}
