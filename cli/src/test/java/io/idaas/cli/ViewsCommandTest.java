package io.idaas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas views} refuses bad declarations before it needs Kafka. (ViewAppTest in streams-apps runs the app.) */
class ViewsCommandTest {

    @Test
    void badDeclarationsAreRefusedWithEveryProblemAndTheUsage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("views.yaml");
        Files.writeString(file, """
                views:
                  - name: orders
                    kind: tabel
                    topic: shop.orders
                  - name: orders
                    kind: table
                """);
        CommandLine cmd = Idaas.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = cmd.execute("views", "--file", file.toString(), "--bootstrap-server", "127.0.0.1:1");

        assertThat(exit).isEqualTo(cmd.getCommandSpec().exitCodeOnInvalidInput());
        assertThat(err.toString())
                .contains("3 problems in the view declarations of " + file)
                .contains("view 'orders': field 'kind' is 'tabel'; use one of table, join, merge, aggregate")
                .contains("view 'orders': the name is used twice")
                .contains("view 'orders': field 'topic' is missing")
                .contains("Usage: idaas views");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        CommandLine cmd = Idaas.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));

        int exit = cmd.execute("views", "--file", dir.resolve("none.yaml").toString(), "--bootstrap-server", "127.0.0.1:1");

        assertThat(exit).isEqualTo(cmd.getCommandSpec().exitCodeOnInvalidInput());
        assertThat(err.toString()).contains("none.yaml").contains("the file cannot be read");
    }
}
