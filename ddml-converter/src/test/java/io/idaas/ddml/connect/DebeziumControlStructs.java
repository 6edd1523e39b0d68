package io.idaas.ddml.connect;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Debezium 3.5's transaction-metadata and heartbeat records, as its connectors make them (Connect Structs with the
 * schema names and fields of Debezium's SchemaFactory): what the ToDdml transform passes through to DdmlConverter.
 */
public final class DebeziumControlStructs {

    public static final Schema TX_KEY = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataKey")
            .field("id", Schema.STRING_SCHEMA).build();
    static final Schema COLLECTION = SchemaBuilder.struct().field("data_collection", Schema.STRING_SCHEMA)
            .field("event_count", Schema.INT64_SCHEMA).build();
    public static final Schema TX_VALUE = SchemaBuilder.struct().name("io.debezium.connector.common.TransactionMetadataValue")
            .field("status", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA)
            .field("event_count", Schema.OPTIONAL_INT64_SCHEMA)
            .field("data_collections", SchemaBuilder.array(COLLECTION).optional().build())
            .field("ts_ms", Schema.INT64_SCHEMA).build();
    public static final Schema HEARTBEAT_KEY = SchemaBuilder.struct().name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA).build();
    public static final Schema HEARTBEAT = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private DebeziumControlStructs() {
    }

    public static Struct txKey(String id) {
        return new Struct(TX_KEY).put("id", id);
    }

    public static Struct begin(String id) {
        return new Struct(TX_VALUE).put("status", "BEGIN").put("id", id).put("ts_ms", 1_741_944_413_601L);
    }

    public static Struct end(String id, String table, long count) {
        return new Struct(TX_VALUE).put("status", "END").put("id", id).put("event_count", count)
                .put("data_collections", List.of(new Struct(COLLECTION).put("data_collection", table).put("event_count", count)))
                .put("ts_ms", 1_741_944_413_699L);
    }

    public static Struct heartbeatKey(String server) {
        return new Struct(HEARTBEAT_KEY).put("serverName", server);
    }

    public static Struct heartbeat(long tsMs) {
        return new Struct(HEARTBEAT).put("ts_ms", tsMs);
    }
}
