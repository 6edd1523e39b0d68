package io.idaas.cli.status;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small table of failures whose cause is clear from the trace, each with what to do. Matched in order, case-insensitively,
 * against the whole trace; a trace that matches none gets no advice rather than a guess.
 */
public final class KnownFixes {

    /** A message seen in traces, and the fix. */
    public record Fix(String name, Pattern pattern, String advice) {
    }

    static final List<Fix> FIXES = List.of(
            new Fix("authentication failed",
                    Pattern.compile("password authentication failed|Access denied for user|authentication failed", Pattern.CASE_INSENSITIVE),
                    "the database refused the user or password: check database.user/database.password (sources) or "
                            + "connection.user/connection.password (sinks), and that the user may log in from the Connect worker's host"),
            new Fix("database does not exist",
                    Pattern.compile("database \"[^\"]*\" does not exist|Unknown database", Pattern.CASE_INSENSITIVE),
                    "the database named in the config does not exist: create it, or fix database.dbname (sources) or the "
                            + "database in connection.url (sinks)"),
            new Fix("connection refused",
                    Pattern.compile("Connection refused|Could not connect to address|Socket fail to connect", Pattern.CASE_INSENSITIVE),
                    "nothing answers at the database's host and port: start the database, or fix database.hostname/database.port "
                            + "(sources) or connection.url (sinks); the host is resolved on the Connect worker"),
            new Fix("binlog not enabled",
                    Pattern.compile("binlog_format|binlog_row_image|full row image|binary log(ging)? (is )?(not enabled|disabled)|log_bin",
                            Pattern.CASE_INSENSITIVE),
                    "the MySQL/MariaDB source has no row-based binary log: set log_bin=ON (log-bin), binlog_format=ROW and "
                            + "binlog_row_image=FULL on the server, restart it, then restart the connector"),
            new Fix("wal_level not logical",
                    Pattern.compile("wal_level", Pattern.CASE_INSENSITIVE),
                    "PostgreSQL's logical decoding is off: set wal_level = logical in postgresql.conf, restart PostgreSQL, "
                            + "then restart the connector"),
            new Fix("replication slot in use",
                    Pattern.compile("replication slot \"[^\"]*\" is active", Pattern.CASE_INSENSITIVE),
                    "another connector or client holds this PostgreSQL replication slot: stop it, or give this connector a "
                            + "slot.name of its own (each connector needs its own slot)"));

    private KnownFixes() {
    }

    /** The first known fix whose message the trace contains. */
    public static Optional<Fix> match(String trace) {
        if (trace == null || trace.isBlank()) {
            return Optional.empty();
        }
        return FIXES.stream().filter(f -> f.pattern().matcher(trace).find()).findFirst();
    }

    /**
     * The lines of a trace worth showing: its first {@code lines} lines (the exception and where it was thrown), plus
     * its last {@code Caused by:} line, the root cause, when that is not among them. Tabs become two spaces.
     */
    public static List<String> head(String trace, int lines) {
        if (trace == null || trace.isBlank()) {
            return List.of();
        }
        List<String> all = trace.lines().filter(l -> !l.isBlank()).map(l -> l.replace("\t", "  ").stripTrailing()).toList();
        List<String> head = new java.util.ArrayList<>(all.subList(0, Math.min(lines, all.size())));
        for (int i = all.size() - 1; i >= lines; i--) {
            if (all.get(i).startsWith("Caused by:")) {
                head.add(all.get(i));
                break;
            }
        }
        return List.copyOf(head);
    }
}
