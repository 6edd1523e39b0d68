package io.idaas.cli.logging;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas up}'s logging: the Kafka clients' warnings and the binlog client's JUL lines go to the file only. */
class IdaasLoggingTest {

    private final PrintStream err = System.err;

    @AfterEach
    void restore() throws Exception {
        System.setErr(err);
        ((LoggerContext) LogManager.getContext(false)).setConfigLocation(
                IdaasLogging.class.getClassLoader().getResource("log4j2.xml").toURI());
        java.util.logging.LogManager.getLogManager().readConfiguration();
    }

    @Test
    void theConsoleShowsTheStacksMessagesAndErrorsTheFileEverything(@TempDir Path data) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        Path file = IdaasLogging.toFolder(data.resolve("logs"));

        LogManager.getLogger("org.apache.kafka.clients.producer.internals.Sender")
                .warn("Got error produce response: CONCURRENT_TRANSACTIONS, retrying");
        java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog.BinaryLogClient").info("Connected to localhost:3306 at bin.000001/4");
        java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog.BinaryLogClient").warning("binlog keepalive lost");
        LogManager.getLogger("org.apache.kafka.connect.runtime.WorkerTask").error("task shop-source-0 failed");
        java.util.logging.Logger.getLogger("some.jul.library").severe("a JUL error");
        LogManager.getLogger("io.idaas.stack.LocalStack").info("Kafka ready");
        org.apache.logging.log4j.Logger dlq = LogManager.getLogger("org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter");
        dlq.error("Topic shop.dlq doesn't exist. Will attempt to create topic.");
        dlq.error("Could not produce message to dead letter queue. topic=shop.dlq");
        ((LoggerContext) LogManager.getContext(false)).stop(); // flushes the file

        String shown = console.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("task shop-source-0 failed", "a JUL error", "Kafka ready", "Could not produce message to dead letter queue")
                .doesNotContain("CONCURRENT_TRANSACTIONS", "Connected to localhost:3306", "binlog keepalive lost", "Will attempt to create topic");
        assertThat(file).isEqualTo(data.resolve("logs/idaas-up.log"));
        assertThat(Files.readString(file)).contains("CONCURRENT_TRANSACTIONS", "Connected to localhost:3306",
                "WARN  [main] com.github.shyiko.mysql.binlog.BinaryLogClient - binlog keepalive lost", "task shop-source-0 failed",
                "a JUL error", "Kafka ready", "Topic shop.dlq doesn't exist. Will attempt to create topic.");
        // JUL's own console handler is gone: nothing reaches the console twice.
        assertThat(shown.split("a JUL error", -1)).hasSize(2);
    }
}
