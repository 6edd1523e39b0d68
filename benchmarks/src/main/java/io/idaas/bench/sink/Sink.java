package io.idaas.bench.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two sinks under test, each writing to a PostgreSQL database of its own, one task each, reading the same
 * Debezium change events (JsonConverter with schemas, the worker's default) and given the same batch size, which
 * also bounds the records of one {@code put()} ({@code consumer.override.max.poll.records}).
 */
enum Sink {

    /**
     * idaas's JDBC sink, with idaas's {@code ToDdml} as its transform: Debezium events in, DDML applied; read with
     * idaas's {@code SchemaCachingJsonConverter} (JsonConverter's result, each distinct schema part read once), as
     * smt-transforms/README.md recommends for a sink on Debezium's topics.
     */
    IDAAS("idaas", "io.idaas.connect.jdbc.JdbcSinkConnector") {
        @Override
        void configure(ObjectNode config, String jdbcUrl, String user, String password, int batchSize) {
            config.put("connection.url", jdbcUrl)
                    .put("connection.user", user)
                    .put("connection.password", password)
                    .put("table.name.format", "${table}")
                    .put("ddl.create", "apply")
                    .put("ddl.alter", "apply")
                    .put("ddl.drop", "ignore")
                    .put("batch.size", String.valueOf(batchSize))
                    // Kafka's JsonConverter reading, each distinct schema part once (ddml-converter/README.md)
                    .put("key.converter", "io.idaas.ddml.connect.SchemaCachingJsonConverter")
                    .put("value.converter", "io.idaas.ddml.connect.SchemaCachingJsonConverter")
                    // Debezium's context headers (__debezium.context.*) as plain strings, not parsed as Connect values
                    .put("header.converter", "org.apache.kafka.connect.storage.StringConverter")
                    .put("transforms", "ddml")
                    .put("transforms.ddml.type", "io.idaas.transforms.ddml.ToDdml");
            // The source's transaction topic too, as connect-configs' sinks read it: Debezium's END markers tell the
            // sink that a transaction is whole, so it does not hold the last one back (connect-plugins/README.md).
            String topic = config.get("topics").asText();
            config.put("topics", topic + "," + topic.substring(0, topic.indexOf('.')) + ".transaction");
        }
    },

    /**
     * idaas as its docs set it up: the shipped DDML source ({@code mariadb-ddml-source}, ToDdml at the source, DDML
     * JSON in the topics) and the shipped sink ({@code mariadb-to-postgres}, DdmlConverter), given the same batch size
     * and {@code max.poll.records} as the others.
     */
    IDAAS_DDML("ddml", "io.idaas.connect.jdbc.JdbcSinkConnector") {
        @Override
        void configure(ObjectNode config, String jdbcUrl, String user, String password, int batchSize) {
            throw new UnsupportedOperationException("rendered from connect-configs in connector()");
        }

        @Override
        ObjectNode connector(String name, String topic, String jdbcUrl, String user, String password, int batchSize,
                          String kafkaBootstrap) {
            String prefix = topic.substring(0, topic.indexOf('.'));
            String database = topic.substring(prefix.length() + 1, topic.lastIndexOf('.'));
            ObjectNode body = io.idaas.configs.ConnectConfig.named("mariadb-to-postgres").render(java.util.Map.of(
                    "name", name, "topic.prefix", prefix, "mariadb.database", database, "postgres.jdbc.url", jdbcUrl,
                    "postgres.user", user, "postgres.password", password, "kafka.bootstrap", kafkaBootstrap));
            ObjectNode config = (ObjectNode) body.get("config");
            config.remove("topics.regex");
            config.put("topics", topic + "," + prefix + ".transaction")
                    .put("batch.size", String.valueOf(batchSize))
                    .put("consumer.override.auto.offset.reset", "earliest")
                    .put("consumer.override.max.poll.records", String.valueOf(batchSize));
            return body;
        }

        @Override
        String topicPrefix() {
            return "benchddml";
        }
    },

    /**
     * {@link #IDAAS} with {@code write.pipelined=false}: each batch written within {@code put()}, for measuring what
     * the pipelined writes (the default) bring, in the same run.
     */
    IDAAS_UNPIPELINED("idaas-unpipelined", "io.idaas.connect.jdbc.JdbcSinkConnector") {
        @Override
        void configure(ObjectNode config, String jdbcUrl, String user, String password, int batchSize) {
            IDAAS.configure(config, jdbcUrl, user, password, batchSize);
            config.put("write.pipelined", "false");
        }
    },

    /** Debezium's own JDBC sink connector ({@code io.debezium:debezium-connector-jdbc}) on the same events. */
    DEBEZIUM("debezium", "io.debezium.connector.jdbc.JdbcSinkConnector") {
        @Override
        void configure(ObjectNode config, String jdbcUrl, String user, String password, int batchSize) {
            config.put("connection.url", jdbcUrl)
                    .put("connection.username", user)
                    .put("connection.password", password)
                    .put("collection.name.format", "${source.table}")
                    .put("insert.mode", "upsert")
                    .put("primary.key.mode", "record_key")
                    .put("delete.enabled", "true")
                    .put("schema.evolution", "basic")
                    .put("batch.size", String.valueOf(batchSize))
                    // Its default; said here because true would fold several changes of a key into one write.
                    .put("use.reduction.buffer", "false");
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final String connectorClass;

    Sink(String id, String connectorClass) {
        this.id = id;
        this.connectorClass = connectorClass;
    }

    /** The PostgreSQL database this sink writes to. */
    String database() {
        return "bench_" + id.replace('-', '_');
    }

    /** The topic prefix of the source connector this sink reads: plain Debezium envelopes, or DDML. */
    String topicPrefix() {
        return "bench";
    }

    abstract void configure(ObjectNode config, String jdbcUrl, String user, String password, int batchSize);

    /**
     * The {@code POST /connectors} body of this sink reading {@code topic}; {@code kafkaBootstrap} is the Kafka the idaas
     * sink reads its topics' ids from (its shipped config's {@code applied.kafka.bootstrap.servers}).
     */
    ObjectNode connector(String name, String topic, String jdbcUrl, String user, String password, int batchSize,
                          String kafkaBootstrap) {
        ObjectNode config = JSON.createObjectNode()
                .put("connector.class", connectorClass)
                .put("tasks.max", "1")
                .put("topics", topic)
                .put("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .put("key.converter.schemas.enable", "true")
                .put("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .put("value.converter.schemas.enable", "true")
                .put("consumer.override.auto.offset.reset", "earliest")
                .put("consumer.override.max.poll.records", String.valueOf(batchSize));
        configure(config, jdbcUrl, user, password, batchSize);
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("config", config);
        return body;
    }
}
