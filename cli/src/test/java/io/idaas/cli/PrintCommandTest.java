package io.idaas.cli;

import io.idaas.cli.inspect.RecordDecoder;
import io.idaas.cli.inspect.RecordFormat;
import io.idaas.ddml.DdmlJson;
import io.idaas.cli.inspect.DdmlDecoding;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas print}'s checks that need no broker: its options, an unreachable broker, the formats it detects. */
class PrintCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Idaas.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aLimitBelowOneIsRefusedSayingWhatToGive() {
        for (String limit : new String[] {"-3", "0"}) {
            Run r = run("print", "t", "--limit", limit, "--bootstrap-server", "127.0.0.1:1");
            assertThat(r.code()).isEqualTo(2); // picocli's code for invalid input
            assertThat(r.err()).contains("--limit is " + limit + "; give the number of records to print, 1 or more");
        }
        assertThat(run("print", "t", "--idle-timeout", "0", "--bootstrap-server", "127.0.0.1:1").err())
                .contains("--idle-timeout is 0; give the seconds to wait for a record before stopping, 1 or more");
    }

    @Test
    void anUnreachableBrokerIsSaidInOneLine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed: nothing listens there
        }
        long start = System.nanoTime();
        Run r = run("print", "t", "--limit", "1", "--bootstrap-server", "127.0.0.1:" + port);
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("idaas: cannot reach Kafka at 127.0.0.1:" + port
                + " within 5 s: is it running? set --bootstrap-server");
        assertThat(r.out()).isEmpty();
        assertThat(seconds).isLessThan(12);
    }

    @Test
    void theFormatOfARecordIsDetected() {
        RecordDecoder values = new RecordDecoder(RecordFormat.AUTO, null, new DdmlDecoding("t", false, null));
        assertThat(values.detect(DdmlJson.write(io.idaas.ddml.connect.DdmlTestEvents.insert(1)))).isEqualTo("DDML JSON");
        assertThat(values.detect(utf8("{\"before\":null,\"after\":{\"id\":1},\"source\":{\"db\":\"shop\"},\"op\":\"c\"}"))).isEqualTo("Debezium JSON");
        assertThat(values.detect(utf8("{\"schema\":{},\"payload\":{\"after\":{\"id\":1},\"source\":{},\"op\":\"u\"}}"))).isEqualTo("Debezium JSON");
        assertThat(values.detect(utf8("{\"id\":1}"))).isEqualTo("JSON");
        assertThat(values.detect(utf8("plain ü"))).isEqualTo("plain text");
        assertThat(values.detect(new byte[] {1, 2, (byte) 0xff})).isEqualTo("binary");
        assertThat(values.detect(new byte[] {0, 0, 0, 0, 7, 2})).startsWith("Avro or other Confluent wire format (pass --registry URL");
        assertThat(values.detect(null)).isNull();
        RecordDecoder keys = new RecordDecoder(RecordFormat.AUTO, null, new DdmlDecoding("t", true, null));
        assertThat(keys.detect(utf8("{\"id\":1}"))).isEqualTo("JSON");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
