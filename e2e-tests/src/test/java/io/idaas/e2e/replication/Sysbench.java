package io.idaas.e2e.replication;

import io.idaas.stack.JdbcServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's sysbench ({@code apt-get install -y sysbench}, 1.0.20 with the MySQL and PostgreSQL drivers) driving one
 * database of the local stack over TCP with its OLTP scripts: an outside workload, written by people who never saw
 * idaas. {@code prepare} creates tables {@code sbtest1..N} ({@code id} auto-increment / {@code SERIAL} key,
 * {@code k INTEGER}, {@code c CHAR(120)}, {@code pad CHAR(60)}, an index on {@code k}) and fills them;
 * {@code oltp_write_only} then runs transactions of an UPDATE of {@code k}, an UPDATE of {@code c}, and a DELETE
 * followed by an INSERT of the same {@code id}, at a fixed rate for a fixed time.
 */
final class Sysbench {

    /** What to do when sysbench is not here, for the failure message. */
    static final String INSTALL = "install Debian's sysbench package (apt-get install -y sysbench: version 1.0.20, with the "
            + "mysql and pgsql drivers); .ci/run installs it";

    private static final Pattern SECOND = Pattern.compile("^\\[ (\\d+)s \\] thds", Pattern.MULTILINE);
    private static final Pattern TRANSACTIONS = Pattern.compile("transactions:\\s+(\\d+)");
    private static final Pattern IGNORED = Pattern.compile("ignored errors:\\s+(\\d+)");

    private final JdbcServer server;
    private final boolean mariadb;
    private final String database;
    private final Path logs;

    /**
     * @param server   the stack's MariaDB or PostgreSQL
     * @param mariadb  whether it is MariaDB (sysbench's mysql driver) rather than PostgreSQL (pgsql)
     * @param database the database sysbench's tables live in
     * @param logs     where sysbench's output goes, a file per command
     */
    Sysbench(JdbcServer server, boolean mariadb, String database, Path logs) {
        this.server = server;
        this.mariadb = mariadb;
        this.database = database;
        this.logs = logs;
    }

    /** Fails, saying what to install, unless sysbench runs here and has both database drivers. */
    static void requireInstalled() {
        String help;
        try {
            Process p = new ProcessBuilder("sysbench", "--help").redirectErrorStream(true).start();
            help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sysbench --help did not end within 30 s");
            }
        } catch (IOException e) {
            throw new AssertionError("sysbench is not installed (" + e.getMessage() + "): " + INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        Matcher drivers = Pattern.compile("Compiled-in database drivers:\\s*\\n((?:\\s+\\S+ - .*\\n?)+)").matcher(help);
        String list = drivers.find() ? drivers.group(1) : "";
        for (String driver : List.of("mysql", "pgsql")) {
            if (!Pattern.compile("(?m)^\\s+" + driver + " - ").matcher(list).find()) {
                throw new AssertionError("this sysbench has no " + driver + " driver (its drivers: " + list.trim() + "): " + INSTALL);
            }
        }
    }

    /** {@code prepare}: creates and fills {@code tables} tables of {@code rows} rows; fails with sysbench's output. */
    void prepare(int tables, int rows) throws IOException, InterruptedException {
        List<String> command = command("oltp_write_only", tables, rows);
        command.add("prepare");
        Path log = logs.resolve("sysbench-" + database + "-prepare.log");
        Process p = start(command, log);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("sysbench prepare did not end within 5 minutes; its output: " + Files.readString(log));
        }
        assertThat(p.exitValue()).as("sysbench prepare's exit code; its output: %s", Files.readString(log)).isZero();
    }

    /**
     * Starts {@code oltp_write_only} on {@code tables} tables of {@code rows} rows: {@code rate} transactions a second
     * from {@code threads} connections for {@code seconds}, reporting every second.
     */
    Run run(int tables, int rows, int seconds, int rate, int threads) throws IOException {
        List<String> command = command("oltp_write_only", tables, rows);
        command.addAll(List.of("--time=" + seconds, "--rate=" + rate, "--threads=" + threads, "--report-interval=1", "run"));
        Path log = logs.resolve("sysbench-" + database + "-run.log");
        return new Run(start(command, log), log);
    }

    private List<String> command(String script, int tables, int rows) {
        List<String> command = new ArrayList<>(List.of("sysbench", script, "--tables=" + tables, "--table-size=" + rows));
        String driver = mariadb ? "mysql" : "pgsql";
        command.add("--db-driver=" + driver);
        command.add("--" + driver + "-host=" + server.host());
        command.add("--" + driver + "-port=" + server.port());
        command.add("--" + driver + "-user=" + server.user());
        command.add("--" + driver + "-password=" + server.password());
        command.add("--" + driver + "-db=" + database);
        return command;
    }

    private static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run sysbench (" + e.getMessage() + "): " + INSTALL, e);
        }
    }

    /** A running {@code sysbench ... run}. */
    static final class Run {

        private final Process process;
        private final Path log;

        Run(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** The last second sysbench reported, 0 before its first report. */
        int secondsDone() throws IOException {
            Matcher m = SECOND.matcher(Files.readString(log));
            int last = 0;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            return last;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for the end; fails with sysbench's output unless it ended well. Returns the transactions it committed. */
        Result await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sysbench run did not end within " + timeout + "; its output: " + Files.readString(log));
            }
            String output = Files.readString(log);
            assertThat(process.exitValue()).as("sysbench run's exit code; its output: %s", output).isZero();
            Matcher transactions = TRANSACTIONS.matcher(output);
            Matcher ignored = IGNORED.matcher(output);
            assertThat(transactions.find() && ignored.find()).as("sysbench's statistics in its output: %s", output).isTrue();
            return new Result(Long.parseLong(transactions.group(1)), Long.parseLong(ignored.group(1)));
        }

        /** Stops sysbench if it still runs (a failed test). */
        void stop() {
            process.destroyForcibly();
        }
    }

    /**
     * What a run did.
     *
     * @param transactions  transactions committed
     * @param ignoredErrors statements that failed with an error sysbench retries (deadlocks), their transactions rolled back
     */
    record Result(long transactions, long ignoredErrors) {
    }
}
