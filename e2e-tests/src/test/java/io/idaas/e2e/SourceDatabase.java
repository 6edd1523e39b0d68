package io.idaas.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.configs.ConnectConfig;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The stack's own database on one of its servers, as a source for the tests that capture from it with any config of
 * connect-configs (plain Debezium or DDML) and read the topics, without a sink direction: the capture, DDL-flow and
 * type-matrix contracts, the views, the round trip. A source-to-target test runs a {@link ShippedPipeline}, in
 * databases of its own, instead. What a source is ({@link Source}) is written once, there.
 */
public enum SourceDatabase {

    MARIADB(Source.MARIADB), POSTGRES(Source.POSTGRES);

    private final Source source;

    SourceDatabase(Source source) {
        this.source = source;
    }

    public JdbcServer server(LocalStack stack) {
        return source.db().server(stack);
    }

    /** The connect-configs config that captures this database as DDML. */
    public String ddmlConfig() {
        return source.ddmlConfig();
    }

    /** The topic Debezium writes {@code table}'s changes to. */
    public String topicOf(LocalStack stack, String topicPrefix, String table) {
        return source.topicOf(topicPrefix, server(stack).database(), table);
    }

    /** {@code table} as {@code table.include.list} names it. */
    public String qualified(LocalStack stack, String table) {
        return source.qualified(server(stack).database(), table);
    }

    /** Cleans up what a deleted connector of {@link #connector} with {@code prefix} leaves in the database. */
    public void release(LocalStack stack, String prefix) {
        source.release(stack, server(stack).database(), prefix);
    }

    /** A connection as the database's owner. */
    public Connection open(LocalStack stack) throws SQLException {
        return source.db().openDefault(stack);
    }

    /** The {@code POST /connectors} body of connect-configs' {@code config}, filled in for this database. */
    public ObjectNode connector(LocalStack stack, String config, String connectorName, String topicPrefix) {
        return ConnectConfig.named(config).render(source.values(stack, server(stack).database(), connectorName, topicPrefix));
    }
}
