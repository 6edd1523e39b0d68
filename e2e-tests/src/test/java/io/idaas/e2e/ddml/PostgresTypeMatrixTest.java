package io.idaas.e2e.ddml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.LocalStack;
import io.idaas.stack.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SPEC.md §10.2 through the Debezium PostgreSQL connector, wrapped by DdmlSourceConnector. */
class PostgresTypeMatrixTest extends TypeMatrixContract {

    @Override
    List<TypeCase> matrix() {
        return TypeMatrices.postgres();
    }

    @Override
    boolean postgres() {
        return true;
    }

    @Override
    Connection openSource(LocalStack stack) throws SQLException {
        PostgresServer pg = stack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    @Override
    ObjectNode ddmlSourceConnector(LocalStack stack, String connectorName, String topicPrefix) {
        return postgresConnector(stack, "postgres-ddml-source", connectorName, topicPrefix);
    }

    static ObjectNode postgresConnector(LocalStack stack, String config, String connectorName, String topicPrefix) {
        PostgresServer pg = stack.postgres();
        return ConnectConfig.named(config).render(Map.of(
                "name", connectorName,
                "postgres.host", pg.host(),
                "postgres.port", String.valueOf(pg.port()),
                "postgres.user", pg.user(),
                "postgres.password", pg.password(),
                "postgres.database", pg.database(),
                "topic.prefix", topicPrefix,
                "slot.name", "idaas_" + topicPrefix));
    }

    @Override
    String topicOf(LocalStack stack, String topicPrefix, String table) {
        return topicPrefix + ".public." + table;
    }
}
