package io.idaas.bench;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Change events shaped as the Debezium MariaDB connector writes them (envelope, source block, transaction block,
 * column.propagate.source.type parameters), for a 10-column table of mixed types: the same events feed idaas and
 * its peer in one run.
 */
final class DebeziumEvents {

    static final String TOPIC = "bench.shop.orders";

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.INT32_SCHEMA)
            .field("thread", Schema.OPTIONAL_INT64_SCHEMA)
            .field("query", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").optional()
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    static final Schema KEY = SchemaBuilder.struct().name("bench.shop.orders.Key")
            .field("id", column(SchemaBuilder.int64(), "BIGINT", 20, null)).build();

    static final Schema ROW = SchemaBuilder.struct().name("bench.shop.orders.Value").optional()
            .field("id", column(SchemaBuilder.int64(), "BIGINT", 20, null))
            .field("customer", column(SchemaBuilder.string(), "VARCHAR", 100, null))
            .field("email", column(SchemaBuilder.string().optional(), "VARCHAR", 200, null))
            .field("total", column(Decimal.builder(2).parameter("connect.decimal.precision", "12"), "DECIMAL", 12, 2))
            .field("quantity", column(SchemaBuilder.int32(), "INT", 11, null))
            .field("paid", column(SchemaBuilder.bool(), "TINYINT", 1, null))
            .field("weight", column(SchemaBuilder.float64().optional(), "DOUBLE", 22, null))
            .field("created_at", column(SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1), "DATETIME", 6, null))
            .field("status", column(SchemaBuilder.string().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", "new,paid,shipped"), "ENUM", 1, null))
            .field("note", column(SchemaBuilder.string().optional(), "TEXT", 65535, null))
            .build();

    static final Schema ENVELOPE = SchemaBuilder.struct().name("bench.shop.orders.Envelope").version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("transaction", TRANSACTION)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private DebeziumEvents() {
    }

    private static Schema column(SchemaBuilder builder, String type, Integer length, Integer scale) {
        builder.parameter("__debezium.source.column.type", type);
        if (length != null) {
            builder.parameter("__debezium.source.column.length", String.valueOf(length));
        }
        if (scale != null) {
            builder.parameter("__debezium.source.column.scale", String.valueOf(scale));
        }
        return builder.build();
    }

    /** {@code n} events: two inserts for each update, and one delete in ten, with transaction blocks. */
    static List<SourceRecord> mixed(int n, long seed) {
        Random random = new Random(seed);
        List<SourceRecord> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = i / 3 + 1;
            Struct row = row(id, random);
            String op = i % 10 == 9 ? "d" : i % 3 == 2 ? "u" : "c";
            Struct before = op.equals("c") ? null : row(id, random);
            Struct after = op.equals("d") ? null : row;
            events.add(record(id, op, before, after, i));
        }
        return events;
    }

    private static Struct row(long id, Random random) {
        return new Struct(ROW)
                .put("id", id)
                .put("customer", "customer " + random.nextInt(10_000) + " ü")
                .put("email", random.nextBoolean() ? "c" + id + "@example.com" : null)
                .put("total", BigDecimal.valueOf(random.nextInt(10_000_000), 2))
                .put("quantity", random.nextInt(100))
                .put("paid", random.nextBoolean())
                .put("weight", random.nextDouble() * 100)
                .put("created_at", 1_700_000_000_000_000L + random.nextInt(1_000_000_000))
                .put("status", List.of("new", "paid", "shipped").get(random.nextInt(3)))
                .put("note", random.nextInt(4) == 0 ? null : "note " + "x".repeat(random.nextInt(40)));
    }

    private static SourceRecord record(long id, String op, Struct before, Struct after, int index) {
        long tsMs = 1_700_000_000_000L + index;
        Struct source = new Struct(SOURCE)
                .put("version", "3.5.0.Final").put("connector", "mariadb").put("name", "bench")
                .put("ts_ms", tsMs).put("snapshot", "false").put("db", "shop").put("ts_us", tsMs * 1000).put("ts_ns", tsMs * 1_000_000)
                .put("table", "orders").put("server_id", 1L).put("gtid", "0-1-" + (index + 1))
                .put("file", "mysql-bin.000003").put("pos", 4L + index * 300L).put("row", 0).put("thread", 7L);
        Struct transaction = new Struct(TRANSACTION).put("id", "0-1-" + (index + 1)).put("total_order", 1L).put("data_collection_order", 1L);
        Struct value = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source)
                .put("transaction", transaction).put("op", op).put("ts_ms", tsMs + 3).put("ts_us", (tsMs + 3) * 1000).put("ts_ns", (tsMs + 3) * 1_000_000);
        Struct key = new Struct(KEY).put("id", id);
        return new SourceRecord(Map.of("server", "bench"), Map.of("file", "mysql-bin.000003", "pos", 4L + index * 300L),
                TOPIC, 0, KEY, key, ENVELOPE, value, tsMs);
    }
}
