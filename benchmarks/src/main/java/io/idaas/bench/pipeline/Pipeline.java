package io.idaas.bench.pipeline;

import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A shipped use case of {@code connect-configs}: a DDML source config and the sink config that reads its topics, on
 * the local stack's databases. The configs are rendered as they ship; only endpoints, credentials and names are
 * filled in.
 */
enum Pipeline {

    MARIADB_TO_POSTGRES("mariadb-to-postgres", "mariadb-ddml-source", "mariadb-to-postgres", "m2p") {
        @Override
        JdbcServer source(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        Map<String, String> sourceValues(LocalStack stack, String name) {
            return sourceValues(stack, name, prefix, "4243");
        }

        @Override
        Map<String, String> sinkValues(LocalStack stack, String name, LatencyLog target) {
            JdbcServer p = stack.postgres();
            return new HashMap<>(Map.of("name", name, "topic.prefix", prefix, "mariadb.database", stack.mariadb().database(),
                    "postgres.jdbc.url", target.jdbcUrl, "postgres.user", p.user(), "postgres.password", p.password()));
        }

        @Override
        LatencyLog target(LocalStack stack) throws SQLException {
            JdbcServer p = stack.postgres();
            return LatencyLog.postgres(p.jdbcUrl(), p.user(), p.password(), TARGET_DATABASE);
        }

        @Override
        String topic(LocalStack stack, String table) {
            return prefix + "." + stack.mariadb().database() + "." + table;
        }
    },

    /** MariaDB to MariaDB: the target is a database of its own on the same server (the source reads only its own). */
    MARIADB_TO_MARIADB("mariadb-to-mariadb", "mariadb-ddml-source", "mariadb-to-mariadb", "m2m") {
        @Override
        JdbcServer source(LocalStack stack) {
            return stack.mariadb();
        }

        @Override
        Map<String, String> sourceValues(LocalStack stack, String name) {
            return Pipeline.sourceValues(stack, name, prefix, "4244");
        }

        @Override
        Map<String, String> sinkValues(LocalStack stack, String name, LatencyLog target) {
            JdbcServer m = stack.mariadb();
            return new HashMap<>(Map.of("name", name, "topic.prefix", prefix, "mariadb.database", m.database(),
                    "target.jdbc.url", target.jdbcUrl, "target.user", m.user(), "target.password", m.password()));
        }

        @Override
        LatencyLog target(LocalStack stack) throws SQLException {
            JdbcServer m = stack.mariadb();
            return LatencyLog.mariadb(m.jdbcUrl(), m.user(), m.password(), TARGET_DATABASE);
        }

        @Override
        String topic(LocalStack stack, String table) {
            return prefix + "." + stack.mariadb().database() + "." + table;
        }
    },

    POSTGRES_TO_MARIADB("postgres-to-mariadb", "postgres-ddml-source", "postgres-to-mariadb", "p2m") {
        @Override
        JdbcServer source(LocalStack stack) {
            return stack.postgres();
        }

        @Override
        Map<String, String> sourceValues(LocalStack stack, String name) {
            Map<String, String> values = endpoint("postgres", stack.postgres());
            values.put("name", name);
            values.put("topic.prefix", prefix);
            values.put("slot.name", "idaas_bench_" + prefix);
            values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
            return values;
        }

        @Override
        Map<String, String> sinkValues(LocalStack stack, String name, LatencyLog target) {
            JdbcServer m = stack.mariadb();
            return new HashMap<>(Map.of("name", name, "topic.prefix", prefix, "mariadb.jdbc.url", target.jdbcUrl,
                    "mariadb.user", m.user(), "mariadb.password", m.password()));
        }

        @Override
        LatencyLog target(LocalStack stack) throws SQLException {
            JdbcServer m = stack.mariadb();
            return LatencyLog.mariadb(m.jdbcUrl(), m.user(), m.password(), TARGET_DATABASE);
        }

        @Override
        String topic(LocalStack stack, String table) {
            return prefix + ".public." + table;
        }
    };

    /** The database, on the target server, that the sink writes to; created anew by each run. */
    static final String TARGET_DATABASE = "bench_pipeline";

    final String id;
    final String sourceConfig;
    final String sinkConfig;
    final String prefix;

    Pipeline(String id, String sourceConfig, String sinkConfig, String prefix) {
        this.id = id;
        this.sourceConfig = sourceConfig;
        this.sinkConfig = sinkConfig;
        this.prefix = prefix;
    }

    abstract JdbcServer source(LocalStack stack);

    abstract Map<String, String> sourceValues(LocalStack stack, String name);

    abstract Map<String, String> sinkValues(LocalStack stack, String name, LatencyLog target);

    abstract LatencyLog target(LocalStack stack) throws SQLException;

    /** The DDML topic of a source table. */
    abstract String topic(LocalStack stack, String table);

    Connection openSource(LocalStack stack) throws SQLException {
        JdbcServer s = source(stack);
        return DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
    }

    static Pipeline of(String id) {
        for (Pipeline p : values()) {
            if (p.id.equals(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pipeline '" + id + "'; choose from mariadb-to-postgres, mariadb-to-mariadb, postgres-to-mariadb");
    }

    /** The values of the MariaDB DDML source config. */
    static Map<String, String> sourceValues(LocalStack stack, String name, String prefix, String serverId) {
        Map<String, String> values = endpoint("mariadb", stack.mariadb());
        values.put("name", name);
        values.put("mariadb.server.id", serverId);
        values.put("topic.prefix", prefix);
        values.put("kafka.bootstrap", stack.kafka().bootstrapServers());
        return values;
    }

    private static Map<String, String> endpoint(String system, JdbcServer db) {
        Map<String, String> values = new HashMap<>();
        values.put(system + ".host", db.host());
        values.put(system + ".port", String.valueOf(db.port()));
        values.put(system + ".user", db.user());
        values.put(system + ".password", db.password());
        values.put(system + ".database", db.database());
        return values;
    }
}
