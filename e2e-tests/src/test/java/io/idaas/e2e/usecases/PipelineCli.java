package io.idaas.e2e.usecases;

import io.idaas.cli.Idaas;
import io.idaas.stack.LocalStack;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code idaas pipeline ...} run in this JVM as a user types it, pointed at the shared stack's Connect and Kafka. */
final class PipelineCli {

    /** What a command printed and returned. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final LocalStack stack;

    PipelineCli(LocalStack stack) {
        this.stack = stack;
    }

    /** {@code idaas pipeline <command> FILE --connect ... --bootstrap-server ... [--var k=v ...] [extra ...]}. */
    Run run(String command, Path file, Map<String, String> vars, String... extra) {
        List<String> args = new ArrayList<>(List.of("pipeline", command, file.toString(),
                "--connect", stack.connect().restUrl(), "--bootstrap-server", stack.kafka().bootstrapServers()));
        vars.forEach((k, v) -> args.add("--var=" + k + "=" + v));
        args.addAll(List.of(extra));
        CommandLine cli = Idaas.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
