package io.idaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code idaas verify} between the stack's MariaDB and PostgreSQL: its reports, its repair file and its exit codes. */
@ExtendWith(LocalStackExtension.class)
class VerifyCommandTest {

    @Test
    void exitsZeroWhenEqualOneWithDifferencesAndTheRepairFileFixesThem(LocalStack stack, @TempDir Path dir) throws Exception {
        try (Connection maria = connect(stack.mariadb()); Connection pg = connect(stack.postgres())) {
            for (Connection c : List.of(maria, pg)) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS cli_orders");
                    s.execute("CREATE TABLE cli_orders (id INT PRIMARY KEY, \"Status\" VARCHAR(20), total DECIMAL(10,2))".replace("\"", c == maria ? "`" : "\""));
                    s.execute("INSERT INTO cli_orders VALUES (1, 'paid', 10.50), (2, 'it''s new', 3.00), (3, 'sent', 7.25)");
                }
            }
            Run equal = run(stack, "--table", "cli_orders");
            assertThat(equal.exit()).as(equal.err()).isEqualTo(VerifyCommand.EQUAL);
            assertThat(equal.out()).contains("cli_orders").endsWith("equal" + System.lineSeparator());

            try (Statement s = pg.createStatement()) {
                s.execute("DELETE FROM cli_orders WHERE id = 2");
                s.execute("UPDATE cli_orders SET total = 10.51 WHERE id = 1");
            }
            Path repair = dir.resolve("repair.sql");
            Run different = run(stack, "--table", "cli_orders", "--format", "json", "--repair-sql", repair.toString());
            assertThat(different.exit()).isEqualTo(VerifyCommand.DIFFERENT);
            JsonNode json = new ObjectMapper().readTree(different.out());
            assertThat(json.path("equal").asBoolean()).isFalse();
            assertThat(json.path("tables").get(0).path("missing").asInt()).isEqualTo(1);
            assertThat(json.path("tables").get(0).path("different").asInt()).isEqualTo(1);
            assertThat(different.err()).contains("idaas verify: cli_orders: done");
            List<String> statements = Files.readAllLines(repair);
            assertThat(statements).contains("INSERT INTO \"public\".\"cli_orders\" (\"id\", \"Status\", \"total\") VALUES (2, 'it''s new', 3);",
                    "UPDATE \"public\".\"cli_orders\" SET \"total\" = 10.5 WHERE \"id\" = 1;");

            try (Statement s = pg.createStatement()) {
                for (String statement : statements) {
                    if (!statement.startsWith("--")) {
                        s.execute(statement);
                    }
                }
            }
            assertThat(run(stack, "--table", "cli_orders", "--mode", "count").exit()).isEqualTo(VerifyCommand.EQUAL);
            assertThat(run(stack, "--table", "cli_orders").exit()).isEqualTo(VerifyCommand.EQUAL);
        }
    }

    @Test
    void exitsTwoOnBadUsageAndErrorsSayingWhatToDo(LocalStack stack) {
        Run missingTable = run(stack, "--table", "no_such_table");
        assertThat(missingTable.exit()).isEqualTo(VerifyCommand.ERROR);
        assertThat(missingTable.err()).contains("no table").contains("no_such_table");

        Run badDelay = run(stack, "--table", "t", "--recheck-delay", "soon");
        assertThat(badDelay.exit()).isEqualTo(VerifyCommand.ERROR);
        assertThat(badDelay.err()).contains("--recheck-delay 'soon'");

        CommandLine cmd = Idaas.commandLine();
        cmd.setErr(new PrintWriter(new StringWriter()));
        assertThat(cmd.execute("verify", "--source", "jdbc:mariadb://x/y")).isEqualTo(VerifyCommand.ERROR); // no --target, no --table
    }

    private static Run run(LocalStack stack, String... extra) {
        JdbcServer src = stack.mariadb();
        JdbcServer dst = stack.postgres();
        List<String> args = new ArrayList<>(List.of("verify", "--source", src.jdbcUrl(), "--source-user", src.user(), "--source-password", src.password(),
                "--target", dst.jdbcUrl(), "--target-user", dst.user(), "--target-password", dst.password()));
        args.addAll(List.of(extra));
        if (!args.contains("--recheck-delay")) {
            args.addAll(List.of("--recheck-delay", "0s"));
        }
        CommandLine cmd = Idaas.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Connection connect(JdbcServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private record Run(int exit, String out, String err) {
    }
}
