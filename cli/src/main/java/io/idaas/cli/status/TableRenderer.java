package io.idaas.cli.status;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code idaas status} for people: one aligned table, one row per connector, then the tasks that are not RUNNING and,
 * for each failure, where it runs, the first lines of its trace and the fix when it is a known one.
 */
public final class TableRenderer {

    static final String[] HEADER = {"CONNECTOR", "TYPE", "STATE", "TASKS", "LAG RECORDS", "LAG SECONDS", "DEAD LETTERS"};

    private TableRenderer() {
    }

    public static void render(StatusReport report, PrintWriter out) {
        render(report, out, false);
    }

    /** @param terminal whether {@code out} is a terminal: snapshot progress then gets a bar */
    public static void render(StatusReport report, PrintWriter out, boolean terminal) {
        out.println("Kafka Connect at " + report.connectUrl());
        if (report.connectors().isEmpty()) {
            out.println("No connectors.");
            out.flush();
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (StatusReport.Connector c : report.connectors()) {
            rows.add(row(c, report.kafkaProblem() != null));
        }
        int[] widths = new int[HEADER.length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                // Names and words to the left, numbers to the right.
                String cell = i < 4 ? String.format("%-" + widths[i] + "s", r[i]) : String.format("%" + widths[i] + "s", r[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
        if (report.kafkaProblem() != null) {
            out.println();
            out.println("Lag and dead letters not read (?): " + report.kafkaProblem());
        }
        snapshots(report, out, terminal);
        views(report.views(), out);
        details(report, out);
        out.flush();
    }

    private static String[] row(StatusReport.Connector c, boolean kafkaUnread) {
        ConnectorStatus s = c.status();
        long failedTasks = s.tasks().stream().filter(t -> "FAILED".equals(t.state())).count();
        String tasks = s.tasksRunning() + "/" + s.tasks().size() + (failedTasks > 0 ? " (" + failedTasks + " FAILED)" : "");
        String unknown = kafkaUnread ? "?" : "-";
        String lagRecords = s.isSink() ? (c.lag() == null ? unknown : String.valueOf(c.lag().records())) : "-";
        String lagSeconds = s.isSink() ? (c.lag() == null ? unknown : String.valueOf(c.lag().seconds())) : "-";
        String dead = s.deadLetterTopic().isEmpty() ? "-" : c.deadLetters() == null ? unknown : String.valueOf(c.deadLetters());
        return new String[] {s.name(), s.type(), s.state(), tasks, lagRecords, lagSeconds, dead};
    }

    /** Each view's lag in records and freshness in seconds ({@code -} where unknown). */
    private static void views(ViewLag.Report views, PrintWriter out) {
        if (views == null) {
            return;
        }
        out.println();
        out.println("Views at " + views.url() + (views.views().isEmpty() || views.views().get(0).applicationId() == null ? ""
            : " (application.id " + views.views().get(0).applicationId() + ")"));
        if (!views.views().isEmpty()) {
            int width = Math.max(4, views.views().stream().mapToInt(v -> v.name().length()).max().orElse(4));
            out.println(String.format("%-" + width + "s  %11s  %17s", "VIEW", "LAG RECORDS", "FRESHNESS SECONDS"));
            for (ViewLag.View v : views.views()) {
                out.println(String.format("%-" + width + "s  %11s  %17s", v.name(), v.lagRecords() == null ? "-" : v.lagRecords(),
                    v.freshnessSeconds() == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", v.freshnessSeconds())));
            }
        }
        if (views.problem() != null) {
            out.println("Views not fully read: " + views.problem());
        }
    }

    static final int BAR_WIDTH = 20;

    /** Each source's snapshot: its state, tables left, rate and time left, then rows done of total per table. */
    private static void snapshots(StatusReport report, PrintWriter out, boolean terminal) {
        if (report.metricsProblem() != null) {
            out.println();
            out.println("Snapshot progress not shown: " + report.metricsProblem());
            return;
        }
        for (StatusReport.Connector c : report.connectors()) {
            SnapshotProgress p = c.snapshot();
            if (p == null) {
                continue;
            }
            out.println();
            StringBuilder line = new StringBuilder("Snapshot of " + c.status().name() + ": " + p.state());
            line.append(", ").append(p.tablesTotal() - p.tablesRemaining()).append(" of ").append(p.tablesTotal())
                .append(" tables done, ").append(p.durationSeconds()).append(" s");
            if (p.rowsPerSecond() != null) {
                line.append(", ").append(Math.round(p.rowsPerSecond())).append(" rows/s");
            }
            if (p.secondsLeft() != null) {
                line.append(", about ").append(p.secondsLeft()).append(" s left");
            }
            out.println(line);
            int width = p.tables().stream().mapToInt(t -> t.name().length()).max().orElse(0);
            for (SnapshotProgress.Table t : p.tables()) {
                String rows = t.rowsDone() + (t.rowsTotal() == null ? " rows (total unknown)" : " of ~" + t.rowsTotal() + " rows");
                String bar = terminal && t.rowsTotal() != null ? "  " + bar(t.rowsDone(), t.rowsTotal()) : "";
                out.println(String.format("  %-" + width + "s  %s%s", t.name(), rows, bar).stripTrailing());
            }
        }
    }

    static String bar(long done, long total) {
        double share = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(share * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + Math.round(share * 100) + "%";
    }

    private static void details(StatusReport report, PrintWriter out) {
        for (StatusReport.Connector c : report.connectors()) {
            ConnectorStatus s = c.status();
            if (!"RUNNING".equals(s.state())) {
                out.println();
                out.println(s.name() + ": " + s.state() + on(s.workerId()));
                failure(s.trace(), out);
            }
            for (ConnectorStatus.TaskStatus t : s.tasks()) {
                if (!"RUNNING".equals(t.state())) {
                    out.println();
                    out.println(s.name() + " task " + t.id() + ": " + t.state() + on(t.workerId()));
                    failure(t.trace(), out);
                }
            }
        }
    }

    private static String on(String worker) {
        return worker == null || worker.isBlank() ? "" : " on worker " + worker;
    }

    private static void failure(String trace, PrintWriter out) {
        for (String line : KnownFixes.head(trace, StatusReport.TRACE_LINES)) {
            out.println("    " + line);
        }
        KnownFixes.match(trace).ifPresent(f -> out.println("  fix (" + f.name() + "): " + f.advice()));
    }
}
