package io.idaas.views.consistency;

import io.idaas.ddml.consistency.SourceLog;

import java.time.Duration;

/**
 * A source database the view app gives consistency tokens for: how to reach it (to read its position and write
 * heartbeats), and the DDML topic its connector writes the heartbeat table's changes to.
 *
 * @param name              the name tokens carry ({@code <name>@<position>})
 * @param system            MariaDB/MySQL or PostgreSQL
 * @param jdbcUrl           the source database, as its JDBC driver reads it
 * @param user              a user that may read the log position and write the heartbeat table
 * @param password          its password
 * @param heartbeatTable    the table heartbeats are written to (created when missing); the connector must capture it
 * @param heartbeatTopic    the DDML topic the connector writes that table's changes to
 * @param heartbeatInterval how often a heartbeat is written when no reader waits (readers that wait ask for one at once)
 */
public record SourceDeclaration(String name, SourceLog system, String jdbcUrl, String user, String password,
                                String heartbeatTable, String heartbeatTopic, Duration heartbeatInterval) {

    public static final String DEFAULT_HEARTBEAT_TABLE = "idaas_heartbeat";
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
}
