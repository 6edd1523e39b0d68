package io.idaas.bench.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.stack.Component;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.process.Binaries;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.VerifyStats;
import io.idaas.verify.report.TableReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The verifier on a table of mixed types between the local stack's MariaDB and PostgreSQL: the time to verify equal
 * tables and tables with 100 scattered differences, and the peak heap, next to the time each database takes to scan the
 * table once by itself, measured in the same run. See benchmarks/README.md.
 */
@Command(name = "verify-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "idaas verify (MariaDB -> PostgreSQL) next to each database's own full scan of the same table, on the local stack.")
public final class VerifyBenchmark implements Callable<Integer> {

    private static final String TABLE = "bench_verify";
    private static final int DIFFERENCES = 100;

    @Option(names = "--rows", description = "rows of the table (default: ${DEFAULT-VALUE})")
    int rows = 1_000_000;

    @Option(names = "--chunk-rows", description = "the verifier's --chunk-rows (default: ${DEFAULT-VALUE})")
    int chunkRows = 10_000;

    @Option(names = "--parallel", description = "the verifier's --parallel, connections per side (default: ${DEFAULT-VALUE}, the verifier's)")
    int parallel = VerifyConfig.DEFAULT_PARALLEL;

    @Option(names = "--repeats", description = "times each measurement is made; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Option(names = "--data-dir", description = "the local stack's data folder, emptied first (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("benchmarks/target/verify-benchmark");

    @Option(names = "--out", description = "the JSON results file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/verify-benchmark.json");

    private final PrintStream log = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VerifyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Binaries.deleteRecursively(dataDir);
        log.printf("load average at the start: %s%n", loadAverage());
        log.printf("starting MariaDB and PostgreSQL in %s%n", dataDir.toAbsolutePath());
        ObjectNode results = new ObjectMapper().createObjectNode();
        try (LocalStack stack = LocalStack.builder().dataDir(dataDir).only(Component.MARIADB, Component.POSTGRES).start();
             Connection maria = connect(stack.mariadb()); Connection pg = connect(stack.postgres())) {
            long t0 = System.nanoTime();
            fill(maria, true);
            fill(pg, false);
            log.printf("filled %,d rows on each side in %.1f s%n", rows, seconds(System.nanoTime() - t0));

            scan(maria, true); // warms the caches, not counted
            scan(pg, false);
            verify(stack.mariadb(), stack.postgres()); // warms the JVM, not counted
            List<Double> scansMaria = new ArrayList<>();
            List<Double> scansPg = new ArrayList<>();
            List<Measured> equals = new ArrayList<>();
            List<Measured> selfMaria = new ArrayList<>();
            List<Measured> selfPg = new ArrayList<>();
            for (int r = 0; r < repeats; r++) { // interleaved, so a busy moment of the machine spreads over all of them
                scansMaria.add(scan(maria, true));
                scansPg.add(scan(pg, false));
                equals.add(verify(stack.mariadb(), stack.postgres()));
                // each database against itself: both sides' checksums on one server, what the checksums cost it
                selfMaria.add(verify(stack.mariadb(), stack.mariadb()));
                selfPg.add(verify(stack.postgres(), stack.postgres()));
            }
            double scanMaria = median(scansMaria);
            double scanPg = median(scansPg);
            double slower = Math.max(scanMaria, scanPg);
            Measured equal = medianRun(equals);
            log.printf("full scan: MariaDB %s s, PostgreSQL %s s%n", scansMaria, scansPg);
            require(equals.stream().allMatch(m -> m.report().equal()), "the equal tables did not verify equal: " + equal.report());

            damage(maria, pg);
            List<Measured> damagedRuns = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                damagedRuns.add(verify(stack.mariadb(), stack.postgres()));
            }
            Measured damaged = medianRun(damagedRuns);
            TableReport d = damaged.report();
            require(d.missing() + d.extra() + d.different() == DIFFERENCES, "expected " + DIFFERENCES + " differences, found " + d);

            log.println();
            log.printf("load average at the end: %s; --parallel %d%n", loadAverage(), parallel);
            log.printf("%-34s %12s %10s %14s %14s %10s%n", "run", "seconds", "x slower scan", "rows fetched", "checksum queries", "peak heap MB");
            line("MariaDB full scan", scanMaria, slower, -1, -1, -1);
            line("PostgreSQL full scan", scanPg, slower, -1, -1, -1);
            line("verify, equal tables", equal.seconds(), slower, equal.stats().rowsFetched(), equal.stats().checksumQueries(), equal.peakHeapMb());
            // each side's share of that run: its checksum queries' time, summed over its connections
            line("  MariaDB's checksum queries", equal.stats().checksumMillis(true) / 1000.0, slower, -1, equal.stats().checksumQueries(true), -1);
            line("  PostgreSQL's checksum queries", equal.stats().checksumMillis(false) / 1000.0, slower, -1, equal.stats().checksumQueries(false), -1);
            line("verify, MariaDB against itself", medianRun(selfMaria).seconds(), slower, medianRun(selfMaria).stats().rowsFetched(),
                    medianRun(selfMaria).stats().checksumQueries(), medianRun(selfMaria).peakHeapMb());
            line("verify, PostgreSQL against itself", medianRun(selfPg).seconds(), slower, medianRun(selfPg).stats().rowsFetched(),
                    medianRun(selfPg).stats().checksumQueries(), medianRun(selfPg).peakHeapMb());
            line("verify, " + DIFFERENCES + " scattered differences", damaged.seconds(), slower, damaged.stats().rowsFetched(),
                    damaged.stats().checksumQueries(), damaged.peakHeapMb());

            results.put("rows", rows).put("chunk_rows", chunkRows).put("parallel", parallel).put("repeats", repeats)
                    .put("scan_mariadb_seconds", scanMaria).put("scan_postgres_seconds", scanPg)
                    .put("verify_equal_seconds", equal.seconds())
                    .put("verify_equal_mariadb_checksum_seconds", equal.stats().checksumMillis(true) / 1000.0)
                    .put("verify_equal_postgres_checksum_seconds", equal.stats().checksumMillis(false) / 1000.0).put("verify_equal_rows_fetched", equal.stats().rowsFetched())
                    .put("verify_equal_checksum_queries", equal.stats().checksumQueries()).put("verify_equal_peak_heap_mb", equal.peakHeapMb())
                    .put("verify_differences_seconds", damaged.seconds()).put("verify_differences_rows_fetched", damaged.stats().rowsFetched())
                    .put("verify_differences_checksum_queries", damaged.stats().checksumQueries()).put("verify_differences_peak_heap_mb", damaged.peakHeapMb())
                    .put("verify_mariadb_self_seconds", medianRun(selfMaria).seconds()).put("verify_postgres_self_seconds", medianRun(selfPg).seconds())
                    .put("equal_vs_slower_scan", equal.seconds() / slower);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        log.println("results written to " + out.toAbsolutePath());
        return 0;
    }

    private void line(String run, double seconds, double slowerScan, long fetched, long queries, long heapMb) {
        log.printf("%-34s %12.2f %10.2fx %14s %14s %10s%n", run, seconds, seconds / slowerScan,
                fetched < 0 ? "-" : String.format("%,d", fetched), queries < 0 ? "-" : String.valueOf(queries), heapMb < 0 ? "-" : String.valueOf(heapMb));
    }

    /** Mixed types, the same deterministic values on both sides, generated inside each database. */
    private void fill(Connection c, boolean mariadb) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT, price "
                    + (mariadb ? "DECIMAL(12,2)" : "numeric(12,2)") + ", note VARCHAR(200), flag " + (mariadb ? "TINYINT(1)" : "boolean")
                    + ", created " + (mariadb ? "DATETIME(6)" : "timestamp(6)") + ", ratio " + (mariadb ? "DOUBLE" : "double precision")
                    + ", code CHAR(8))");
            if (mariadb) {
                s.execute("INSERT INTO " + TABLE + " SELECT seq, CONCAT('name ', seq), seq % 1000, (seq % 100000) / 100, "
                        + "IF(seq % 7 = 0, NULL, CONCAT('note for row ', seq)), seq % 2, TIMESTAMP('2026-01-01') + INTERVAL seq * 1001 MICROSECOND, "
                        + "seq / 3e0, CONCAT('c', seq % 10000) FROM seq_1_to_" + rows);
                s.execute("ANALYZE TABLE " + TABLE);
            } else {
                s.execute("INSERT INTO " + TABLE + " SELECT seq, 'name ' || seq, seq % 1000, (seq % 100000) / 100.0, "
                        + "CASE WHEN seq % 7 = 0 THEN NULL ELSE 'note for row ' || seq END, seq % 2 = 1, "
                        + "timestamp '2026-01-01' + seq * interval '1001 microseconds', seq / 3.0::float8, 'c' || (seq % 10000) "
                        + "FROM generate_series(1, " + rows + ") AS seq");
                s.execute("ANALYZE " + TABLE);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** One full scan touching every column: the database's own time to read the table once. */
    private double scan(Connection c, boolean mariadb) throws SQLException {
        String sql = mariadb
                ? "SELECT SUM(LENGTH(name) + qty + price + LENGTH(COALESCE(note, '')) + flag + LENGTH(created) + ratio + LENGTH(code)) FROM " + TABLE
                : "SELECT SUM(length(name) + qty + price + length(COALESCE(note, '')) + flag::int + length(created::text) + ratio + length(code)) FROM " + TABLE;
        long start = System.nanoTime();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
        }
        return seconds(System.nanoTime() - start);
    }

    /** 100 scattered differences: 60 changed rows (several columns), 20 rows missing from the target, 20 extra in it. */
    private void damage(Connection maria, Connection pg) throws SQLException {
        long step = rows / DIFFERENCES;
        try (Statement m = maria.createStatement(); Statement p = pg.createStatement()) {
            for (int i = 0; i < DIFFERENCES; i++) {
                long id = i * step + 17;
                switch (i % 5) {
                    case 0 -> p.execute("UPDATE " + TABLE + " SET name = 'changed' WHERE id = " + id);
                    case 1 -> p.execute("UPDATE " + TABLE + " SET price = price + 0.01 WHERE id = " + id);
                    case 2 -> p.execute("UPDATE " + TABLE + " SET note = NULL, flag = NOT flag WHERE id = " + id); // flag always changes
                    case 3 -> p.execute("DELETE FROM " + TABLE + " WHERE id = " + id);      // missing from the target
                    default -> m.execute("DELETE FROM " + TABLE + " WHERE id = " + id);     // extra in the target
                }
            }
        }
        if (!pg.getAutoCommit()) {
            pg.commit();
        }
    }

    /** One verification, timed, with the peak heap it used. */
    private Measured verify(JdbcServer source, JdbcServer target) throws Exception {
        VerifyConfig config = VerifyConfig.builder()
                .source(source.jdbcUrl(), source.user(), source.password())
                .target(target.jdbcUrl(), target.user(), target.password())
                .table(TABLE).chunkRows(chunkRows).parallel(parallel).recheck(1, Duration.ZERO).build();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long start = System.nanoTime();
        Verifier verifier = new Verifier(config);
        TableReport report = verifier.run().tables().get(0);
        double seconds = seconds(System.nanoTime() - start);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        VerifyStats stats = verifier.stats().get(TABLE);
        log.printf("verified in %.2f s: %d missing, %d extra, %d different; checksum queries %.2f s on the source, %.2f s on the target%n",
                seconds, report.missing(), report.extra(), report.different(), stats.checksumMillis(true) / 1000.0, stats.checksumMillis(false) / 1000.0);
        return new Measured(report, stats, seconds, peak / (1024 * 1024));
    }

    /** The machine's load average (1, 5, 15 minutes), for the record: the benchmark's figures depend on it. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Connection connect(JdbcServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static Measured medianRun(List<Measured> runs) {
        return runs.stream().sorted(java.util.Comparator.comparingDouble(Measured::seconds)).toList().get(runs.size() / 2);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private record Measured(TableReport report, VerifyStats stats, double seconds, long peakHeapMb) {
    }
}
