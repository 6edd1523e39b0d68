package io.idaas.e2e;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import java.math.BigDecimal;

/**
 * A Debezium 3.x PostgreSQL insert event, shaped as the connector writes it (key {@code <topic>.Key}, envelope
 * {@code <topic>.Envelope} with before, after, source, transaction, op and times), for tests that produce Debezium
 * events without running Debezium. The table is {@code (id bigint primary key, name text, price numeric(10,2))}.
 */
record DebeziumInsert(Schema keySchema, Struct key, Schema valueSchema, Struct value) {

    /** An insert into the table of {@code topic} ({@code <prefix>.<schema>.<table>}). */
    static DebeziumInsert postgres(String topic, long id, String name, BigDecimal price) {
        String[] parts = topic.split("\\.");
        Schema row = SchemaBuilder.struct().optional().name(topic + ".Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("price", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build())
                .build();
        Schema keySchema = SchemaBuilder.struct().name(topic + ".Key").field("id", Schema.INT64_SCHEMA).build();
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
                .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA)
                .field("name", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
                .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
                .field("db", Schema.STRING_SCHEMA).field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).field("schema", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA).field("txId", Schema.OPTIONAL_INT64_SCHEMA)
                .field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Schema transaction = SchemaBuilder.struct().optional().name("event.block").version(1)
                .field("id", Schema.STRING_SCHEMA).field("total_order", Schema.INT64_SCHEMA)
                .field("data_collection_order", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().name(topic + ".Envelope").version(2)
                .field("before", row).field("after", row).field("source", source).field("transaction", transaction)
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Struct value = new Struct(envelope)
                .put("after", new Struct(row).put("id", id).put("name", name).put("price", price))
                .put("source", new Struct(source).put("version", "3.5.0.Final").put("connector", "postgresql")
                        .put("name", parts[0]).put("ts_ms", 1_741_944_413_589L).put("snapshot", "false").put("db", "idaas")
                        .put("sequence", "[\"6091459776\",\"6091459912\"]").put("ts_us", 1_741_944_413_589_793L)
                        .put("schema", parts[1]).put("table", parts[2]).put("txId", 771L).put("lsn", 6_091_459_912L))
                .put("op", "c").put("ts_ms", 1_741_944_413_601L).put("ts_us", 1_741_944_413_601_234L);
        return new DebeziumInsert(keySchema, new Struct(keySchema).put("id", id), envelope, value);
    }
}
