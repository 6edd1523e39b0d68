package io.idaas.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.LocalStack;
import io.idaas.stack.mariadb.MariaDbServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** MariaDB through Debezium's MariaDB connector (row-based binlog, GTIDs) on the local stack. */
class MariaDbCaptureTest extends SourceCaptureContract {

    @Override
    Connection openSource(LocalStack stack) throws SQLException {
        MariaDbServer db = stack.mariadb();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    ObjectNode sourceConnector(LocalStack stack, String connectorName, String topicPrefix) {
        MariaDbServer db = stack.mariadb();
        return ConnectConfig.named("mariadb-source").render(Map.of(
                "name", connectorName,
                "mariadb.host", db.host(),
                "mariadb.port", String.valueOf(db.port()),
                "mariadb.user", db.user(),
                "mariadb.password", db.password(),
                "mariadb.database", db.database(),
                // Each connector reads the binlog as a replica with an id of its own.
                "mariadb.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)),
                "topic.prefix", topicPrefix,
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
    }

    @Override
    String topicOf(LocalStack stack, String topicPrefix, String table) {
        return topicPrefix + "." + stack.mariadb().database() + "." + table;
    }
}
