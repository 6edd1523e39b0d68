package io.idaas.cli;

import io.idaas.verify.Mode;
import io.idaas.verify.Progress;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.ReportJson;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code idaas verify}: compares source tables with target tables, across MariaDB/MySQL and PostgreSQL, or with a Redis or MongoDB copy. */
@Command(name = "verify",
        header = "Compares source tables with their copies: counts, rows by key and fields, with repair SQL.",
        description = {"Compares source tables with target tables (MariaDB/MySQL and PostgreSQL, either way), or with their Redis or MongoDB copy: row counts, every row "
                + "by primary key through range checksums computed inside each database, and for different rows which fields differ. "
                + "Values are compared through DDML's portable types (TINYINT(1) equals boolean, DATETIME equals timestamptz in UTC, ...). "
                + "Progress goes to stderr, the report to stdout."},
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the targets match their sources", "1:differences found", "2:an error, or bad usage"})
final class VerifyCommand implements Callable<Integer> {

    static final int EQUAL = 0;
    static final int DIFFERENT = 1;
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--source", required = true, paramLabel = "JDBC_URL", description = "The source database, e.g. jdbc:mariadb://HOST:3306/DB or jdbc:postgresql://HOST:5432/DB.")
    String source;

    @Option(names = "--source-user", paramLabel = "USER", description = "The source's user (default: in the URL or none).")
    String sourceUser;

    @Option(names = "--source-password", paramLabel = "PASSWORD", defaultValue = "${env:IDAAS_SOURCE_PASSWORD}",
            description = "The source's password (default: $IDAAS_SOURCE_PASSWORD).")
    String sourcePassword;

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "The target: a database's JDBC URL, a Redis copy kept by the idaas Redis sink, redis://HOST:PORT[/DB], "
                    + "or a MongoDB copy kept by the idaas MongoDB sink, mongodb://HOST:PORT/DATABASE (the sink's mongodb.database).")
    String target;

    @Option(names = "--target-user", paramLabel = "USER", description = "The target's user (default: in the URL or none).")
    String targetUser;

    @Option(names = "--target-password", paramLabel = "PASSWORD", defaultValue = "${env:IDAAS_TARGET_PASSWORD}",
            description = "The target's password (default: $IDAAS_TARGET_PASSWORD).")
    String targetPassword;

    @Option(names = "--table", required = true, paramLabel = "TABLE[=TARGET_TABLE]",
            description = "A table to compare, as TABLE or SCHEMA.TABLE; SRC=DST when the target's is named otherwise. Repeatable.")
    List<String> tables;

    @Option(names = "--mode", defaultValue = "field", paramLabel = "MODE",
            description = "count (row counts), row (missing, extra and different rows) or field (row, and which fields differ) (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (a summary table) or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--repair-sql", paramLabel = "FILE",
            description = "Writes the statements that would repair the target (INSERT missing, DELETE extra, UPDATE differing fields) to FILE, in the target's dialect.")
    Path repairSql;

    @Option(names = "--chunk-rows", defaultValue = "10000", paramLabel = "N", description = "Rows per key range at the top level (default: ${DEFAULT-VALUE}).")
    int chunkRows;

    @Option(names = "--leaf-rows", defaultValue = "1000", paramLabel = "N",
            description = "A range of at most N rows whose checksums differ is fetched and compared in Java (default: ${DEFAULT-VALUE}).")
    int leafRows;

    @Option(names = "--fanout", defaultValue = "8", paramLabel = "N", description = "Parts a range whose checksums differ is cut into (default: ${DEFAULT-VALUE}).")
    int fanout;

    @Option(names = "--parallel", defaultValue = "" + VerifyConfig.DEFAULT_PARALLEL, paramLabel = "N",
            description = "Connections per side: key ranges are checked on N connections to each database at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--recheck-rounds", defaultValue = "2", paramLabel = "N",
            description = "Times rows that differ are read again, after --recheck-delay, before they are reported: a target behind its source catches up meanwhile (default: ${DEFAULT-VALUE}).")
    int recheckRounds;

    @Option(names = "--recheck-delay", defaultValue = "2s", paramLabel = "DURATION", description = "The wait before each re-check, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
    String recheckDelay;

    @Option(names = "--max-listed", defaultValue = "1000", paramLabel = "N", description = "Differences listed per table; all are counted (default: ${DEFAULT-VALUE}).")
    int maxListed;

    @Option(names = "--changes-topic", paramLabel = "TABLE=TOPIC",
            description = "Incremental mode: compare only the keys of the DDML events on TOPIC for TABLE (as named by --table). Repeatable.")
    Map<String, String> changesTopics = new LinkedHashMap<>();

    @Option(names = "--since", paramLabel = "INSTANT",
            description = "Incremental mode: changes since this time, ISO-8601 (2026-11-25T10:00:00Z); the JSON report's 'until' is the next run's --since (default: the beginning of the topics).")
    String since;

    @Option(names = "--ignore-columns", paramLabel = "REGEX", defaultValue = VerifyConfig.DEFAULT_IGNORED_COLUMNS,
            description = "Columns left out on both sides, a regular expression matched whole and case-insensitively (default: "
                    + "${DEFAULT-VALUE}, the idaas JDBC sink's _idaas_position column; '' compares every column).")
    String ignoreColumns;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = VerifyConfig.DEFAULT_REDIS_PREFIX,
            description = "For a Redis target: the sink's redis.prefix, which starts every key it writes (default: ${DEFAULT-VALUE}).")
    String redisPrefix;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    /** The report formats. */
    enum Format { TEXT, JSON }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            VerifyConfig.Builder builder = VerifyConfig.builder()
                    .source(source, sourceUser, sourcePassword)
                    .target(target, targetUser, targetPassword)
                    .mode(mode).chunkRows(chunkRows).leafRows(leafRows).fanout(fanout).parallel(parallel)
                    .recheck(recheckRounds, duration(recheckDelay)).maxListed(maxListed).ignoredColumns(ignoreColumns)
                    .redisPrefix(redisPrefix);
            VerifyConfig.Database targetDb = new VerifyConfig.Database(target, null, null);
            if (repairSql != null && (targetDb.redis() || targetDb.mongodb())) {
                throw new IllegalArgumentException("--repair-sql writes SQL, and the target is " + (targetDb.redis() ? "Redis" : "MongoDB")
                        + ": leave it out (the report lists each missing, extra and different key)");
            }
            tables.forEach(builder::table);
            if (!changesTopics.isEmpty()) {
                builder.bootstrapServers(kafka.bootstrapServers());
                changesTopics.forEach(builder::changesTopic);
            }
            if (since != null) {
                builder.since(instant(since));
            }
            Verifier verifier = new Verifier(builder.build()).progress(quiet ? Progress.NONE : new StderrProgress(err));
            VerifyReport report = verifier.run();
            out.print(format == Format.JSON ? ReportJson.write(report) + System.lineSeparator() : ReportText.write(report));
            out.flush();
            if (repairSql != null) {
                Files.write(repairSql, verifier.repairStatements(), StandardCharsets.UTF_8);
            }
            return report.equal() ? EQUAL : DIFFERENT;
        } catch (IllegalArgumentException e) {
            err.println(spec.commandLine().getColorScheme().errorText("idaas verify: " + e.getMessage()));
            err.flush();
            return ERROR;
        } catch (Exception e) {
            err.println(spec.commandLine().getColorScheme().errorText("idaas verify: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            err.flush();
            return ERROR;
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or ISO-8601 ({@code PT2S}). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(text.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--recheck-delay '" + text + "' is not a duration: write 500ms, 2s, 1m or PT2S");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since '" + text + "' is not an ISO-8601 instant: write e.g. 2026-11-25T10:00:00Z");
        }
    }

    /** Progress on stderr, at most one line a second per table (and the end of each table). */
    private static final class StderrProgress implements Progress {
        private final PrintWriter err;
        private long last;

        StderrProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(String table, String phase, long done, long total, long rowsFetched) {
            long now = System.nanoTime();
            if (!phase.equals("done") && now - last < 1_000_000_000L) {
                return;
            }
            last = now;
            err.printf("idaas verify: %s: %s %d/%d, %d rows fetched%n", table, phase, done, total, rowsFetched);
            err.flush();
        }
    }
}
