package io.idaas.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas status} without a stack: where it looks for Connect, an unreachable Connect, --watch. */
class StatusCommandOptionsTest {

    /** A connector whose task FAILED on a MariaDB source without a binlog: no sink, so no Kafka is needed. */
    static final String ONE_FAILED_SOURCE = """
            {"maria-source": {
              "status": {"name": "maria-source", "connector": {"state": "RUNNING", "worker_id": "w1:8083"},
                         "tasks": [{"id": 0, "state": "FAILED", "worker_id": "w1:8083",
                                    "trace": "io.debezium.DebeziumException: The MySQL server is not configured to use a ROW binlog_format\\n\\tat io.debezium.X.y(X.java:1)"}],
                         "type": "source"},
              "info": {"name": "maria-source", "config": {}, "tasks": [], "type": "source"}}}
            """;

    record Run(int exit, String out, String err) {
    }

    static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** An HTTP server on a free port answering every request 200 with the body made from its query string. */
    static HttpServer serve(java.util.function.Function<String, String> bodyForQuery) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = bodyForQuery.apply(exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableConnectIsOneLineAndExitCodeOne(@TempDir Path dataDir) throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        Run r = run(Idaas.commandLine(), "status", "--connect-url", url, "--data-dir", dataDir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("idaas: cannot reach Kafka Connect at " + url + ": is it running? set --connect-url" + System.lineSeparator());
    }

    @Test
    void connectIsFoundInTheStacksEndpointsFileAndAFailedSourceExitsTwo(@TempDir Path dataDir) throws Exception {
        HttpServer connect = serve(query -> query != null && query.contains("expand=status") && query.contains("expand=info")
                ? ONE_FAILED_SOURCE : "{}");
        try {
            String url = "http://127.0.0.1:" + connect.getAddress().getPort();
            Files.writeString(dataDir.resolve("endpoints.properties"), "connect.rest=" + url.replace(":", "\\:") + "\n");
            Run r = run(Idaas.commandLine(), "status", "--data-dir", dataDir.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).startsWith("Kafka Connect at " + url)
                    .containsPattern("(?m)^maria-source +source +RUNNING +0/1 \\(1 FAILED\\) +- +- +-$")
                    .contains("maria-source task 0: FAILED on worker w1:8083",
                            "    io.debezium.DebeziumException: The MySQL server is not configured to use a ROW binlog_format",
                            "  fix (binlog not enabled): ");

            CommandLine cli = Idaas.commandLine();
            ((StatusCommand) cli.getSubcommands().get("status").getCommand()).watchRounds = 2;
            Run watched = run(cli, "status", "--data-dir", dataDir.toString(), "--watch", "1");
            assertThat(watched.exit()).isEqualTo(2);
            assertThat(watched.out().split("\033\\[H\033\\[2J", -1)).hasSize(3);
            assertThat(watched.out()).contains("Every 1 s, Ctrl-C to stop; ");
            assertThat(watched.out().lines().filter(l -> l.matches("maria-source +source .*")).count()).isEqualTo(2);
        } finally {
            connect.stop(0);
        }
    }

    @Test
    void somethingElseThanConnectAtTheUrlIsOneLineAndExitCodeOne() throws Exception {
        HttpServer web = serve(query -> "<html><body>a web page</body></html>");
        try {
            String url = "http://127.0.0.1:" + web.getAddress().getPort();
            Run r = run(Idaas.commandLine(), "status", "--connect-url", url);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("idaas: what answers at " + url + " is not Kafka Connect's REST API: GET "
                    + "/connectors?expand=status&expand=info gave no JSON (<html><body>a web page</body></html>); check --connect-url"
                    + System.lineSeparator());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void helpNamesEveryOptionAndTheExitCodes() {
        Run top = run(Idaas.commandLine(), "--help");
        assertThat(top.out()).containsPattern("(?m)^ +status +Shows every connector and task");
        Run r = run(Idaas.commandLine(), "status", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--connect-url", "--bootstrap-server", "--data-dir", "--json", "--watch");
        assertThat(r.out().replaceAll("\\s+", " ")).contains(
                "Exit code 0 when nothing FAILED, 2 when a connector or task FAILED, 1 when Kafka Connect does not answer.");
    }

    @Test
    void watchTakesOneSecondOrMore() {
        Run r = run(Idaas.commandLine(), "status", "--watch", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--watch is 0; give the seconds between two looks, 1 or more");
    }
}
