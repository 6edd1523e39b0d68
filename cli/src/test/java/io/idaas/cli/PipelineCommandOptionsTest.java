package io.idaas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas pipeline} without a stack: the group is registered, exit codes for a bad file and an unreachable Connect. */
class PipelineCommandOptionsTest {

    @TempDir
    Path dir;

    static final String FILE = """
            name: shop
            kafka: {bootstrap_servers: 'kafka:9092'}
            source:
              kind: mariadb
              connection: {host: db, port: 3306, user: cdc, password: s3cret, database: shop}
            targets:
              - {name: pg, kind: jdbc, url: 'jdbc:postgresql://pg:5432/copy', user: w, password: '${env:PG_PASSWORD}'}
            """;

    private static String closedPortUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void validateWithoutConnectChecksTheFileAndWarnsOfAClearPassword() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, FILE);
        StatusCommandOptionsTest.Run run = StatusCommandOptionsTest.run(Idaas.commandLine(), "pipeline", "validate", file.toString(), "--schema-only");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("the file is valid (2 connectors: shop-source, shop-to-pg)");
        assertThat(run.err()).contains("warning: source.connection.password: a password in clear");
    }

    @Test
    void anUnreachableConnectIsExitCode2AndAnInvalidFile1() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, FILE);
        String url = closedPortUrl();
        for (String command : new String[] {"validate", "plan", "apply", "delete"}) {
            StatusCommandOptionsTest.Run run = StatusCommandOptionsTest.run(Idaas.commandLine(), "pipeline", command, file.toString(), "--connect", url);
            assertThat(run.exit()).as(command + ": " + run).isEqualTo(2);
            assertThat(run.err()).as(command).contains("cannot reach Kafka Connect at " + url);
        }
        Files.writeString(file, FILE.replace("kind: jdbc", "kind: view"));
        StatusCommandOptionsTest.Run invalid = StatusCommandOptionsTest.run(Idaas.commandLine(), "pipeline", "plan", file.toString(), "--connect", url);
        assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.err()).contains("targets[0].kind: does not have a value in the enumeration");
    }

    @Test
    void theHelpListsTheSubcommands() {
        StatusCommandOptionsTest.Run run = StatusCommandOptionsTest.run(Idaas.commandLine(), "pipeline", "--help");
        assertThat(run.out()).contains("validate", "plan", "apply", "status", "verify", "delete");
    }
}
