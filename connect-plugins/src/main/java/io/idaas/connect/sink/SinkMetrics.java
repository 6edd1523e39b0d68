package io.idaas.connect.sink;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Rate;

import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an idaas sink task counts where a user looks: the task's plugin metrics (KIP-877), which the worker publishes as
 * JMX MBeans {@code kafka.connect:type=plugins,connector=<name>,task=<n>} (and so to Prometheus through the JMX
 * exporter). Counts start at 0 when the task starts; the dead-letter topic keeps the records themselves.
 *
 * <ul>
 *   <li>{@value #DEAD_LETTER_TOTAL}, {@value #DEAD_LETTER_RATE}: records the target refused, sent to the dead-letter
 *   topic (or, with {@code errors.tolerance=none}, that failed the task).</li>
 *   <li>{@value #BACKFILL_DIFFERENCES_TOTAL} (JDBC sink): columns added to a table with rows whose existing rows cannot hold the
 *   source's values (a clock or random default, or one the target cannot evaluate).</li>
 *   <li>{@value #UNGUARDED_TABLES} (JDBC sink): tables written without the {@code _idaas_position} column.</li>
 * </ul>
 * Without plugin metrics (a worker older than Kafka 4.1, or tests), the counts are kept and only not published.
 */
public final class SinkMetrics {

    public static final String DEAD_LETTER_TOTAL = "dead-letter-record-total";
    public static final String DEAD_LETTER_RATE = "dead-letter-record-rate";
    public static final String BACKFILL_DIFFERENCES_TOTAL = "ddl-backfill-difference-total";
    public static final String UNGUARDED_TABLES = "unguarded-table-count";

    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong backfillDifferences = new AtomicLong();
    private final Set<String> unguarded = ConcurrentHashMap.newKeySet();
    private final Sensor deadLetterSensor;

    private SinkMetrics(PluginMetrics metrics, boolean tableMetrics) {
        if (metrics == null) {
            deadLetterSensor = null;
            return;
        }
        LinkedHashMap<String, String> none = new LinkedHashMap<>();
        // Sensors are named across the worker: one name per task instance.
        deadLetterSensor = metrics.addSensor("idaas-dead-letter-records-" + java.util.UUID.randomUUID());
        deadLetterSensor.add(metrics.metricName(DEAD_LETTER_TOTAL, "The records the target refused that this task sent to the "
            + "dead-letter topic (or that failed the task, with errors.tolerance=none) since it started.", none), new CumulativeCount());
        deadLetterSensor.add(metrics.metricName(DEAD_LETTER_RATE, "Records sent to the dead-letter topic per second.", none),
            new Rate());
        if (!tableMetrics) {
            return;
        }
        MetricName backfill = metrics.metricName(BACKFILL_DIFFERENCES_TOTAL, "Columns this task added to a table with rows "
            + "whose existing rows cannot hold the source's values (a clock or random default, or one the target cannot "
            + "evaluate), since it started.", none);
        metrics.addMetric(backfill, (Gauge<Long>) (config, now) -> backfillDifferences.get());
        MetricName tables = metrics.metricName(UNGUARDED_TABLES, "Tables this task writes without the _idaas_position column, "
            + "so without the position guard.", none);
        metrics.addMetric(tables, (Gauge<Integer>) (config, now) -> unguarded.size());
    }

    /** The JDBC sink's metrics, all four, published through {@code metrics}; counted only when it is null. */
    public static SinkMetrics register(PluginMetrics metrics) {
        return new SinkMetrics(metrics, true);
    }

    /**
     * Only {@value #DEAD_LETTER_TOTAL} and {@value #DEAD_LETTER_RATE}, for a sink without SQL tables (the Redis sink),
     * published through {@code metrics}; counted only when it is null.
     */
    public static SinkMetrics registerDeadLetters(PluginMetrics metrics) {
        return new SinkMetrics(metrics, false);
    }

    /** Counts a record sent to the dead-letter topic; returns how many this task has sent. */
    public long deadLettered() {
        if (deadLetterSensor != null) {
            deadLetterSensor.record();
        }
        return deadLetters.incrementAndGet();
    }

    /** Counts a column added whose existing rows differ from the source's; returns how many this task has added. */
    public long backfillDiffered() {
        return backfillDifferences.incrementAndGet();
    }

    /** Notes that {@code table} is written without the position guard; true the first time. */
    public boolean unguarded(String table) {
        return unguarded.add(table);
    }

    /** Notes that {@code table} has the position guard (again). */
    public void guarded(String table) {
        unguarded.remove(table);
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long backfillDifferences() {
        return backfillDifferences.get();
    }
}
