package io.idaas.transforms.ddml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Test data: Debezium 3.x change events of one table, shaped as the connectors write them (envelope
 * {@code before/after/source/op/ts_ms/ts_us/transaction}, the connector's own source block), like
 * Debezium's own SinkRecordBuilder. Set source fields with {@link #at}; records carry them until changed.
 */
final class DebeziumRecords {

    private final String connector;
    private final String server;
    private final String topic;
    private final Map<String, Schema> columns = new LinkedHashMap<>();
    private final List<String> key = new ArrayList<>();
    private final Map<String, Object> sourceValues = new LinkedHashMap<>();
    private Struct transaction;
    private long tsMs = 1_741_944_413_601L;
    private Schema rowSchema;
    private Schema keySchema;
    private Schema sourceSchema;
    private Schema envelope;

    private DebeziumRecords(String connector, String server, String db, String schema, String table) {
        this.connector = connector;
        this.server = server;
        this.topic = server + "." + (db != null && schema == null ? db + "." : "") + (schema != null ? schema + "." : "") + table;
        sourceValues.put("version", "3.5.0.Final");
        sourceValues.put("connector", connector);
        sourceValues.put("name", server);
        sourceValues.put("ts_ms", 1_741_944_413_589L);
        sourceValues.put("ts_us", 1_741_944_413_589_793L);
        sourceValues.put("snapshot", "false");
        sourceValues.put("db", db);
        if (schema != null) {
            sourceValues.put("schema", schema);
        }
        sourceValues.put(connector.equals("mongodb") ? "collection" : "table", table);
    }

    static DebeziumRecords postgres(String table) {
        DebeziumRecords r = new DebeziumRecords("postgresql", "pg", "idaas", "public", table);
        r.sourceValues.put("txId", 771L);
        r.sourceValues.put("lsn", 0x16B374D48L);
        r.sourceValues.put("sequence", "[\"6091459776\",\"6091459912\"]");
        return r;
    }

    static DebeziumRecords mysql(String table) {
        return binlog("mysql", "mysql-main", table);
    }

    static DebeziumRecords mariadb(String table) {
        return binlog("mariadb", "mariadb-main", table);
    }

    private static DebeziumRecords binlog(String connector, String server, String table) {
        DebeziumRecords r = new DebeziumRecords(connector, server, "shop", null, table);
        r.sourceValues.put("server_id", 1L);
        r.sourceValues.put("gtid", "0-1-42");
        r.sourceValues.put("file", "mariadb-bin.000003");
        r.sourceValues.put("pos", 4567L);
        r.sourceValues.put("row", 0);
        return r;
    }

    static DebeziumRecords oracle(String table) {
        DebeziumRecords r = new DebeziumRecords("oracle", "ora", "ORCLPDB1", "DEBEZIUM", table);
        r.sourceValues.put("txId", "0a001b00c1020000");
        r.sourceValues.put("scn", "2868546");
        r.sourceValues.put("commit_scn", "2868547");
        r.sourceValues.put("rs_id", "0x00000e.0000081c.0010");
        r.sourceValues.put("ssn", 0L);
        return r;
    }

    static DebeziumRecords sqlServer(String table) {
        DebeziumRecords r = new DebeziumRecords("sqlserver", "mssql", "testDB", "dbo", table);
        r.sourceValues.put("change_lsn", "00000027:00000758:0003");
        r.sourceValues.put("commit_lsn", "00000027:00000758:0005");
        r.sourceValues.put("event_serial_no", 1L);
        return r;
    }

    static DebeziumRecords mongo(String collection) {
        DebeziumRecords r = new DebeziumRecords("mongodb", "mongo", "inventory", null, collection);
        r.sourceValues.put("ts_ms", 1_558_965_508_000L);
        r.sourceValues.remove("ts_us");
        r.sourceValues.put("ord", 31);
        return r;
    }

    String topic() {
        return topic;
    }

    /** Adds a column of the row schema. */
    DebeziumRecords column(String name, Schema schema) {
        columns.put(name, schema);
        return this;
    }

    /** The Connect schema of a column. */
    Schema schemaOf(String column) {
        return columns.get(column);
    }

    /** The primary-key columns (the Debezium key's fields). */
    DebeziumRecords key(String... names) {
        key.addAll(List.of(names));
        return this;
    }

    /** Sets a source-block field for the records made from now on. */
    DebeziumRecords at(String field, Object value) {
        if (value == null) {
            sourceValues.remove(field);
        } else {
            sourceValues.put(field, value);
        }
        return this;
    }

    /** The transaction block of the records made from now on; null for none. */
    DebeziumRecords transaction(String id, long totalOrder, long dataCollectionOrder) {
        transaction = new Struct(txSchema()).put("id", id).put("total_order", totalOrder).put("data_collection_order", dataCollectionOrder);
        return this;
    }

    SourceRecord insert(Object... after) {
        return record("c", null, row(after));
    }

    SourceRecord read(Object... after) {
        return record("r", null, row(after));
    }

    SourceRecord update(Object[] before, Object[] after) {
        return record("u", before == null ? null : row(before), row(after));
    }

    SourceRecord delete(Object... before) {
        return record("d", before.length == 0 ? null : row(before), null);
    }

    SourceRecord truncate() {
        return record("t", null, null);
    }

    /** The tombstone after a delete: the key, a null value. */
    SourceRecord tombstone(Object... keyValues) {
        freeze();
        Struct k = new Struct(keySchema);
        for (int i = 0; i < key.size(); i++) {
            k.put(key.get(i), keyValues[i]);
        }
        return new SourceRecord(Map.of("server", server), Map.of("pos", 1), topic, 0, keySchema, k, null, null);
    }

    /** A MongoDB event: before/after are Extended JSON text. */
    SourceRecord mongo(String op, String keyJson, String before, String after) {
        Schema json = SchemaBuilder.string().optional().name("io.debezium.data.Json").version(1).build();
        Schema src = sourceSchema();
        Schema env = SchemaBuilder.struct().name(server + ".inventory.Envelope")
            .field("before", json).field("after", json)
            .field("updateDescription", SchemaBuilder.struct().optional().name("io.debezium.connector.mongodb.changestream.updatedescription")
                .field("removedFields", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("updatedFields", json).build())
            .field("source", src).field("op", Schema.OPTIONAL_STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("transaction", txSchema()).build();
        Struct v = new Struct(env).put("before", before).put("after", after).put("source", source(src)).put("op", op).put("ts_ms", tsMs);
        Schema ks = SchemaBuilder.struct().name(server + ".inventory.Key").field("id", Schema.STRING_SCHEMA).build();
        return new SourceRecord(Map.of("server", server), Map.of("ord", 1), topic, 0, ks, new Struct(ks).put("id", keyJson), env, v);
    }

    private Struct row(Object[] values) {
        freeze();
        Struct s = new Struct(rowSchema);
        int i = 0;
        for (String c : columns.keySet()) {
            s.put(c, values[i++]);
        }
        return s;
    }

    private SourceRecord record(String op, Struct before, Struct after) {
        freeze();
        Struct v = new Struct(envelope).put("before", before).put("after", after).put("source", source(sourceSchema))
            .put("op", op).put("ts_ms", tsMs).put("ts_us", tsMs * 1000 + 234).put("transaction", op.equals("r") ? null : transaction);
        Struct k = null;
        Struct row = after != null ? after : before;
        if (!key.isEmpty() && row != null) {
            k = new Struct(keySchema);
            for (String c : key) {
                k.put(c, row.get(c));
            }
        }
        return new SourceRecord(Map.of("server", server), Map.of("pos", 1), topic, 0, key.isEmpty() ? null : keySchema, k, envelope, v);
    }

    private Struct source(Schema schema) {
        Struct s = new Struct(schema);
        sourceValues.forEach(s::put);
        return s;
    }

    private void freeze() {
        if (rowSchema != null) {
            return;
        }
        SchemaBuilder row = SchemaBuilder.struct().optional().name(topic + ".Value");
        columns.forEach(row::field);
        rowSchema = row.build();
        SchemaBuilder k = SchemaBuilder.struct().name(topic + ".Key");
        key.forEach(c -> k.field(c, columns.get(c)));
        keySchema = k.build();
        sourceSchema = sourceSchema();
        envelope = SchemaBuilder.struct().name(topic + ".Envelope").version(2)
            .field("before", rowSchema).field("after", rowSchema).field("source", sourceSchema)
            .field("transaction", txSchema()).field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA).build();
    }

    private Schema sourceSchema() {
        if (sourceSchema != null) {
            return sourceSchema;
        }
        SchemaBuilder b = SchemaBuilder.struct().name("io.debezium.connector." + connector + ".Source");
        sourceValues.forEach((name, value) -> b.field(name, value instanceof Long ? Schema.OPTIONAL_INT64_SCHEMA
            : value instanceof Integer ? Schema.OPTIONAL_INT32_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA));
        for (String extra : new String[] {"xmin", "thread", "query", "txId", "sequence", "snapshot", "ts_us"}) {
            if (!sourceValues.containsKey(extra) && b.field(extra) == null && !(connector.equals("mongodb") && extra.equals("ts_us"))) {
                b.field(extra, extra.equals("xmin") || extra.equals("thread") ? Schema.OPTIONAL_INT64_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA);
            }
        }
        sourceSchema = b.build();
        return sourceSchema;
    }

    private static Schema txSchema() {
        return SchemaBuilder.struct().optional().name("event.block").version(1)
            .field("id", Schema.STRING_SCHEMA).field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA).build();
    }

    /** A schema with the parameters of column.propagate.source.type. */
    static Schema typed(SchemaBuilder builder, String type, Integer length, Integer scale) {
        builder.parameter("__debezium.source.column.type", type);
        if (length != null) {
            builder.parameter("__debezium.source.column.length", length.toString());
        }
        if (scale != null) {
            builder.parameter("__debezium.source.column.scale", scale.toString());
        }
        return builder.build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
