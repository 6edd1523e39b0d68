package io.idaas.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/**
 * {@code idaas status --json}: one JSON document with the facts of the table and more (every task, its worker, its
 * whole trace). Its shape is documented in the README ("idaas status"); numbers that could not be read are null.
 */
public final class JsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonRenderer() {
    }

    public static void render(StatusReport report, PrintWriter out) {
        out.println(toJson(report).toPrettyString());
        out.flush();
    }

    public static ObjectNode toJson(StatusReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("connect_url", report.connectUrl());
        root.put("time", report.time().toString());
        root.put("failed", report.anyFailed());
        root.put("kafka_problem", report.kafkaProblem());
        root.put("metrics_url", report.metricsUrl());
        root.put("metrics_problem", report.metricsProblem());
        views(root, report.views());
        ArrayNode connectors = root.putArray("connectors");
        for (StatusReport.Connector c : report.connectors()) {
            ConnectorStatus s = c.status();
            ObjectNode n = connectors.addObject();
            n.put("name", s.name());
            n.put("type", s.type());
            n.put("state", s.state());
            n.put("worker_id", s.workerId());
            failure(n, s.trace());
            n.put("tasks_running", s.tasksRunning());
            n.put("tasks_total", s.tasks().size());
            ArrayNode tasks = n.putArray("tasks");
            for (ConnectorStatus.TaskStatus t : s.tasks()) {
                ObjectNode task = tasks.addObject();
                task.put("id", t.id());
                task.put("state", t.state());
                task.put("worker_id", t.workerId());
                failure(task, t.trace());
            }
            if (s.isSink()) {
                ObjectNode lag = n.putObject("lag");
                if (c.lag() == null) {
                    lag.putNull("records");
                    lag.putNull("seconds");
                    lag.putNull("topics");
                } else {
                    lag.put("records", c.lag().records());
                    lag.put("seconds", c.lag().seconds());
                    lag.put("consumer_group", s.consumerGroup());
                    c.lag().topics().forEach(lag.putArray("topics")::add);
                }
            } else {
                n.putNull("lag");
            }
            snapshot(n, c.snapshot());
            if (s.deadLetterTopic().isPresent()) {
                ObjectNode dead = n.putObject("dead_letters");
                dead.put("topic", s.deadLetterTopic().get());
                dead.put("records", c.deadLetters());
            } else {
                n.putNull("dead_letters");
            }
        }
        return root;
    }

    private static void views(ObjectNode root, ViewLag.Report report) {
        if (report == null) {
            root.putNull("views");
            return;
        }
        ObjectNode views = root.putObject("views");
        views.put("url", report.url());
        views.put("problem", report.problem());
        ArrayNode list = views.putArray("views");
        for (ViewLag.View v : report.views()) {
            ObjectNode n = list.addObject();
            n.put("name", v.name());
            n.put("application_id", v.applicationId());
            v.topics().forEach(n.putArray("topics")::add);
            if (v.lagRecords() == null) {
                n.putNull("lag_records");
            } else {
                n.put("lag_records", v.lagRecords());
            }
            if (v.freshnessSeconds() == null) {
                n.putNull("freshness_seconds");
            } else {
                n.put("freshness_seconds", v.freshnessSeconds());
            }
        }
    }

    private static void snapshot(ObjectNode n, SnapshotProgress p) {
        if (p == null) {
            n.putNull("snapshot");
            return;
        }
        ObjectNode o = n.putObject("snapshot");
        o.put("state", p.state());
        o.put("running", p.running());
        o.put("completed", p.completed());
        o.put("tables_total", p.tablesTotal());
        o.put("tables_remaining", p.tablesRemaining());
        o.put("duration_seconds", p.durationSeconds());
        o.put("rows_done", p.rowsDone());
        if (p.rowsPerSecond() == null) {
            o.putNull("rows_per_second");
        } else {
            o.put("rows_per_second", p.rowsPerSecond());
        }
        if (p.secondsLeft() == null) {
            o.putNull("seconds_left");
        } else {
            o.put("seconds_left", p.secondsLeft());
        }
        ArrayNode tables = o.putArray("tables");
        for (SnapshotProgress.Table t : p.tables()) {
            ObjectNode table = tables.addObject();
            table.put("table", t.name());
            table.put("rows_done", t.rowsDone());
            if (t.rowsTotal() == null) {
                table.putNull("rows_total_estimate");
            } else {
                table.put("rows_total_estimate", t.rowsTotal());
            }
        }
    }

    private static void failure(ObjectNode n, String trace) {
        if (trace == null) {
            return;
        }
        n.put("trace", trace);
        KnownFixes.head(trace, StatusReport.TRACE_LINES).forEach(n.putArray("trace_head")::add);
        KnownFixes.match(trace).ifPresentOrElse(f -> n.put("fix", f.advice()), () -> n.putNull("fix"));
    }
}
