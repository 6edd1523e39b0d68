package io.idaas.e2e.replication;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.ShippedPipeline;
import io.idaas.e2e.pipeline.Source;
import io.idaas.stack.LocalStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ShippedPipeline} under the seeded {@link RandomWorkload}: a few workload tables in its source database, and
 * the checks that judge the result independently of the sink's code (plain SQL comparison, row counts, the sink's
 * stored offsets, the dead-letter topic).
 */
public final class Replication implements AutoCloseable {

    private final ShippedPipeline pipeline;
    private final List<String> tables;
    private final RandomWorkload workload;

    /**
     * @param connectUrl      the Connect worker to register the connectors with
     * @param tableCount      how many workload tables
     * @param transactionSize statements per source transaction on average (see {@link RandomWorkload})
     */
    public Replication(LocalStack stack, String connectUrl, Direction direction, long seed, int tableCount, int transactionSize)
            throws SQLException {
        this.pipeline = new ShippedPipeline(stack, connectUrl, direction, direction.name().toLowerCase(Locale.ROOT).replace("_to_", "2"));
        this.tables = IntStream.range(0, tableCount).mapToObj(i -> "wl_" + (char) ('a' + i)).toList();
        this.workload = new RandomWorkload(seed, tables, direction.source == Source.POSTGRES, transactionSize);
    }

    public ShippedPipeline pipeline() {
        return pipeline;
    }

    public RandomWorkload workload() {
        return workload;
    }

    /** {@link #startSource()}, then the shipped sink; returns once both run. */
    public void start() throws SQLException {
        startSource();
        pipeline.startSink();
    }

    /**
     * Creates the tables (one row each, so each topic exists once the snapshot ran) and starts the source connector;
     * returns once it runs and the topics exist.
     */
    public void startSource() throws SQLException {
        for (String table : tables) {
            pipeline.source(workload.createTable(table), "INSERT INTO " + table + " (id, customer) VALUES (0, 'before capture')");
        }
        pipeline.startSource();
        pipeline.awaitTopics(tables.toArray(String[]::new));
    }

    /** Starts a sink named {@code name}, the shipped sink config with {@code settings}, and awaits it. */
    public void startSink(String name, Map<String, String> settings) {
        pipeline.startSink(name, settings);
    }

    /** Runs {@code changes} workload changes on a connection of its own, in another thread. */
    public CompletableFuture<RandomWorkload.Stats> runInBackground(int changes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runWorkload(changes);
            } catch (SQLException e) {
                throw new IllegalStateException("the workload failed: " + e.getMessage(), e);
            }
        });
    }

    /** Runs {@code changes} workload changes now. */
    public RandomWorkload.Stats runWorkload(int changes) throws SQLException {
        try (Connection db = pipeline.openSource()) {
            return workload.run(db, changes);
        }
    }

    /** Waits until every table holds, in the target, exactly the source's rows: same keys, every column equal. */
    public void awaitSameRows(Duration timeout) {
        pipeline.awaitSameRows(timeout, tables, RandomWorkload.COLUMNS);
    }

    /** Nothing duplicated: per table, the target holds as many rows as the source, and as many distinct keys. */
    public long assertSameRowCounts() throws SQLException {
        long total = 0;
        try (Connection source = pipeline.openSource(); Connection target = pipeline.openTarget()) {
            for (String table : tables) {
                long[] inSource = counts(source, table);
                long[] inTarget = counts(target, table);
                assertThat(inTarget).as("rows and distinct keys of " + table + " in the target").containsExactly(inSource);
                total += inSource[0];
            }
        }
        return total;
    }

    private static long[] counts(Connection db, String table) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM " + table)) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Rows of the target that have the column added part-way set: proof the DDL reached the target. */
    public long rowsWithTheAddedColumn() throws SQLException {
        long total = 0;
        try (Connection target = pipeline.openTarget(); Statement st = target.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(extra) FROM " + table)) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** How many records of its topics a sink has applied: the sum of its next offsets in the target's offsets table. */
    public long appliedBy(String sinkName) throws SQLException {
        try (Connection target = pipeline.openTarget();
             PreparedStatement st = target.prepareStatement("SELECT SUM(next_offset) FROM idaas_sink_offsets WHERE connector = ?")) {
            st.setString(1, sinkName);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Every connector of the pipeline and each of its tasks is RUNNING, and no record went to the dead-letter topic. */
    public void assertRunningWithoutDeadLetters() {
        pipeline.assertRunning();
        assertThat(pipeline.deadLetters().count()).as("records in the dead-letter topic " + pipeline.deadLetters().topic()).isZero();
    }

    /** Deletes the connectors, and the PostgreSQL source's replication slot and publication (else they pile up). */
    @Override
    public void close() {
        pipeline.close();
    }
}
