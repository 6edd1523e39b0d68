package io.idaas.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.stack.LocalStack;
import io.idaas.stack.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** PostgreSQL through Debezium's PostgreSQL connector (pgoutput) on the local stack. */
class PostgresCaptureTest extends SourceCaptureContract {

    @Override
    Connection openSource(LocalStack stack) throws SQLException {
        PostgresServer pg = stack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    @Override
    ObjectNode sourceConnector(LocalStack stack, String connectorName, String topicPrefix) {
        PostgresServer pg = stack.postgres();
        return ConnectConfig.named("postgres-source").render(Map.of(
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

    @Override
    void captureWholeRows(Statement sql, String table) throws SQLException {
        sql.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
    }
}
