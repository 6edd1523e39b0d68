package io.idaas.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The table and the JSON of {@code idaas status} from a hand-made answer of {@code GET /connectors?expand=status&expand=info}. */
class StatusRenderingTest {

    static final String PG_TRACE = "org.apache.kafka.connect.errors.ConnectException: Could not open a connection\n"
            + "\tat io.idaas.connect.jdbc.JdbcSinkTask.start(JdbcSinkTask.java:80)\n"
            + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:330)\n"
            + "\tat org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:232)\n"
            + "Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"idaas\"\n"
            + "\t... 9 more\n";

    /** Three connectors as Connect 4.1 answers them: a running source, a paused sink, a sink whose task FAILED. */
    static final String EXPANDED = """
            {
              "pg-source": {
                "status": {"name": "pg-source", "connector": {"state": "RUNNING", "worker_id": "10.0.0.1:8083"},
                           "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "10.0.0.1:8083"}], "type": "source"},
                "info": {"name": "pg-source", "config": {"connector.class": "io.idaas.transforms.ddml.source.DdmlSourceConnector"},
                         "tasks": [{"connector": "pg-source", "task": 0}], "type": "source"}
              },
              "to-maria": {
                "status": {"name": "to-maria", "connector": {"state": "PAUSED", "worker_id": "10.0.0.2:8083"},
                           "tasks": [{"id": 1, "state": "PAUSED", "worker_id": "10.0.0.2:8083"},
                                     {"id": 0, "state": "PAUSED", "worker_id": "10.0.0.1:8083"}], "type": "sink"},
                "info": {"name": "to-maria", "config": {"topics.regex": "pg\\\\..*", "errors.deadletterqueue.topic.name": "pg.dlq"},
                         "tasks": [], "type": "sink"}
              },
              "bad-sink": {
                "status": {"name": "bad-sink", "connector": {"state": "RUNNING", "worker_id": "10.0.0.1:8083"},
                           "tasks": [{"id": 0, "state": "FAILED", "worker_id": "10.0.0.1:8083", "trace": %s}], "type": "sink"},
                "info": {"name": "bad-sink", "config": {"topics": "pg.public.t", "consumer.override.group.id": "mine"},
                         "tasks": [], "type": "sink"}
              }
            }
            """;

    static StatusReport report() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode all = json.readTree(EXPANDED.formatted(json.writeValueAsString(PG_TRACE)));
        List<StatusReport.Connector> connectors = new ArrayList<>();
        Map<String, SinkLag.Lag> lags = Map.of(
                "to-maria", new SinkLag.Lag(List.of("pg.public.a", "pg.public.b"), 1250, 42),
                "bad-sink", new SinkLag.Lag(List.of("pg.public.t"), 0, 0));
        for (String name : List.of("bad-sink", "pg-source", "to-maria")) {
            ConnectorStatus s = ConnectorStatus.from(name, all.path(name).path("status"), all.path(name).path("info"));
            connectors.add(new StatusReport.Connector(s, lags.get(name), name.equals("to-maria") ? 3L : null));
        }
        return new StatusReport("http://10.0.0.1:8083", Instant.parse("2026-12-07T09:00:00Z"), connectors, null);
    }

    @Test
    void theTableAlignsOneRowPerConnectorThenTheFailuresWithTheirFix() throws Exception {
        StringWriter out = new StringWriter();
        TableRenderer.render(report(), new PrintWriter(out));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly(
                "Kafka Connect at http://10.0.0.1:8083",
                "CONNECTOR  TYPE    STATE    TASKS           LAG RECORDS  LAG SECONDS  DEAD LETTERS",
                "bad-sink   sink    RUNNING  0/1 (1 FAILED)            0            0             -",
                "pg-source  source  RUNNING  1/1                       -            -             -",
                "to-maria   sink    PAUSED   0/2                    1250           42             3");
        String details = String.join("\n", lines.subList(5, lines.size()));
        assertThat(details).contains(
                "bad-sink task 0: FAILED on worker 10.0.0.1:8083\n"
                        + "    org.apache.kafka.connect.errors.ConnectException: Could not open a connection\n"
                        + "      at io.idaas.connect.jdbc.JdbcSinkTask.start(JdbcSinkTask.java:80)\n"
                        + "      at org.apache.kafka.connect.runtime.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:330)\n"
                        + "    Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"idaas\"\n"
                        + "  fix (authentication failed): the database refused the user or password",
                "to-maria: PAUSED on worker 10.0.0.2:8083",
                "to-maria task 0: PAUSED on worker 10.0.0.1:8083",
                "to-maria task 1: PAUSED on worker 10.0.0.2:8083");
        assertThat(details).doesNotContain("pg-source", "WorkerTask.doRun");
        assertThat(report().exitCode()).isEqualTo(StatusReport.FAILED);
    }

    @Test
    void lagThatCouldNotBeReadIsAQuestionMarkWithTheReason() throws Exception {
        StatusReport full = report();
        List<StatusReport.Connector> unread = full.connectors().stream().map(c -> new StatusReport.Connector(c.status(), null, null)).toList();
        StringWriter out = new StringWriter();
        TableRenderer.render(new StatusReport(full.connectUrl(), full.time(), unread, "cannot reach Kafka at k:9092 within 5 s"), new PrintWriter(out));
        assertThat(out.toString()).contains(
                "to-maria   sink    PAUSED   0/2                       ?            ?             ?",
                "pg-source  source  RUNNING  1/1                       -            -             -",
                "Lag and dead letters not read (?): cannot reach Kafka at k:9092 within 5 s");
    }

    @Test
    void noConnectorsIsSaidAndIsNotAFailure() {
        StringWriter out = new StringWriter();
        StatusReport empty = new StatusReport("http://c:8083", Instant.EPOCH, List.of(), null);
        TableRenderer.render(empty, new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("Kafka Connect at http://c:8083" + System.lineSeparator() + "No connectors." + System.lineSeparator());
        assertThat(empty.exitCode()).isEqualTo(StatusReport.OK);
    }

    @Test
    void theJsonHasEveryTaskItsWorkerTraceAndFixAndTheLag() throws Exception {
        StringWriter out = new StringWriter();
        JsonRenderer.render(report(), new PrintWriter(out));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("connect_url").asText()).isEqualTo("http://10.0.0.1:8083");
        assertThat(json.path("time").asText()).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(json.path("failed").asBoolean()).isTrue();
        assertThat(json.path("kafka_problem").isNull()).isTrue();
        JsonNode bad = json.path("connectors").get(0);
        assertThat(bad.path("name").asText()).isEqualTo("bad-sink");
        assertThat(bad.path("tasks_running").asInt()).isZero();
        assertThat(bad.path("tasks_total").asInt()).isEqualTo(1);
        JsonNode task = bad.path("tasks").get(0);
        assertThat(task.path("state").asText()).isEqualTo("FAILED");
        assertThat(task.path("worker_id").asText()).isEqualTo("10.0.0.1:8083");
        assertThat(task.path("trace").asText()).isEqualTo(PG_TRACE);
        assertThat(task.path("trace_head")).hasSize(4);
        assertThat(task.path("fix").asText()).startsWith("the database refused the user or password");
        assertThat(bad.path("lag").path("consumer_group").asText()).isEqualTo("mine");
        assertThat(bad.path("dead_letters").isNull()).isTrue();

        JsonNode source = json.path("connectors").get(1);
        assertThat(source.path("type").asText()).isEqualTo("source");
        assertThat(source.path("lag").isNull()).isTrue();
        assertThat(source.path("tasks").get(0).has("trace")).isFalse();

        JsonNode paused = json.path("connectors").get(2);
        assertThat(paused.path("tasks").get(0).path("id").asInt()).isZero();
        assertThat(paused.path("lag").path("records").asLong()).isEqualTo(1250);
        assertThat(paused.path("lag").path("seconds").asLong()).isEqualTo(42);
        assertThat(paused.path("lag").path("consumer_group").asText()).isEqualTo("connect-to-maria");
        assertThat(paused.path("lag").path("topics").toString()).isEqualTo("[\"pg.public.a\",\"pg.public.b\"]");
        assertThat(paused.path("dead_letters").path("topic").asText()).isEqualTo("pg.dlq");
        assertThat(paused.path("dead_letters").path("records").asLong()).isEqualTo(3);
    }
}
