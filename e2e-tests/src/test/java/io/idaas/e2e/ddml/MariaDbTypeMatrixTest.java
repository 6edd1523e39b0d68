package io.idaas.e2e.ddml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.LocalStack;
import io.idaas.stack.mariadb.MariaDbServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** SPEC.md §10.1 through the Debezium MariaDB connector and ToDdml. */
class MariaDbTypeMatrixTest extends TypeMatrixContract {

    @Override
    List<TypeCase> matrix() {
        return TypeMatrices.mariadb();
    }

    @Override
    boolean postgres() {
        return false;
    }

    @Override
    Connection openSource(LocalStack stack) throws SQLException {
        MariaDbServer db = stack.mariadb();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    ObjectNode ddmlSourceConnector(LocalStack stack, String connectorName, String topicPrefix) {
        return mariadbConnector(stack, "mariadb-ddml-source", connectorName, topicPrefix);
    }

    static ObjectNode mariadbConnector(LocalStack stack, String config, String connectorName, String topicPrefix) {
        MariaDbServer db = stack.mariadb();
        return ConnectConfig.named(config).render(Map.of(
                "name", connectorName,
                "mariadb.host", db.host(),
                "mariadb.port", String.valueOf(db.port()),
                "mariadb.user", db.user(),
                "mariadb.password", db.password(),
                "mariadb.database", db.database(),
                "mariadb.server.id", String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 1_000_000)),
                "topic.prefix", topicPrefix,
                "kafka.bootstrap", stack.kafka().bootstrapServers()));
    }

    @Override
    String topicOf(LocalStack stack, String topicPrefix, String table) {
        return topicPrefix + "." + stack.mariadb().database() + "." + table;
    }
}
