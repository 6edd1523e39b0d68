package io.idaas.cli.status;

import java.util.List;

/**
 * A Debezium source's snapshot as its snapshot metrics tell it (MBean
 * {@code debezium.<connector>:type=connector-metrics,context=snapshot,server=<topic.prefix>}, read from the worker's
 * Prometheus endpoint), with row totals from the source's own estimate where {@code idaas status} could ask it.
 *
 * @param durationSeconds {@code SnapshotDurationInSeconds}: so far, or in all once completed
 * @param tables          the tables scanned so far ({@code RowsScanned}, which Debezium updates every 10,000 rows and
 *                        when a table is done), in the order of their names
 */
public record SnapshotProgress(boolean running, boolean completed, boolean aborted, int tablesTotal, int tablesRemaining,
                               long durationSeconds, List<Table> tables) {

    /**
     * One table.
     *
     * @param rowsTotal the source's estimate of its rows (MariaDB/MySQL {@code information_schema.TABLES.TABLE_ROWS},
     *                  PostgreSQL {@code pg_class.reltuples}), null when unknown; never below {@code rowsDone}
     */
    public record Table(String name, long rowsDone, Long rowsTotal) {
    }

    public long rowsDone() {
        return tables.stream().mapToLong(Table::rowsDone).sum();
    }

    /** Rows scanned per second over the snapshot so far; null before a second has passed. */
    public Double rowsPerSecond() {
        return durationSeconds <= 0 ? null : (double) rowsDone() / durationSeconds;
    }

    /**
     * Seconds left at the rate so far, for the rows of the tables known: null when not running, when a scanned
     * table's total is unknown, or before any row was scanned. Tables not reached yet are not in it.
     */
    public Long secondsLeft() {
        Double rate = rowsPerSecond();
        if (!running || rate == null || rate <= 0 || tables.stream().anyMatch(t -> t.rowsTotal() == null)) {
            return null;
        }
        long left = tables.stream().mapToLong(t -> t.rowsTotal() - t.rowsDone()).sum();
        return Math.round(left / rate);
    }

    /** {@code running}, {@code completed}, {@code aborted}, or {@code not started}. */
    public String state() {
        return running ? "running" : completed ? "completed" : aborted ? "aborted" : "not started";
    }
}
