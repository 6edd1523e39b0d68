package io.idaas.connect.sink;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;

import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What an idaas sink task counts where a user looks: the task's plugin metrics (KIP-877), which the worker publishes as
 * JMX MBeans {@code kafka.connect:type=plugins,connector=<name>,task=<n>} (and so to Prometheus through the JMX
 * exporter). Counts start at 0 when the task starts; the dead-letter topic keeps the records themselves.
 *
 * <ul>
 *   <li>{@value #APPLIED_TOTAL}, {@value #APPLIED_RATE}: changes written to the target (or found already there by the
 *   position guard), counted once the target committed them.</li>
 *   <li>{@value #BATCH_SIZE_AVG}, {@value #BATCH_SIZE_MAX}: changes per target write (a JDBC transaction, a Redis script
 *   call, a MongoDB batch), over Kafka's sample window (two samples of 30 s by default).</li>
 *   <li>{@value #LAG_SECONDS}: now minus the source commit time ({@code time.commit_us}) of the newest change applied;
 *   NaN until a change with a commit time is applied.</li>
 *   <li>{@value #RETRY_TOTAL}: times the target failed for a passing reason and the records were handed back to be
 *   retried after {@code retry.backoff.ms}.</li>
 *   <li>{@value #DEAD_LETTER_TOTAL}, {@value #DEAD_LETTER_RATE}: records the target refused, sent to the dead-letter
 *   topic (or, with {@code errors.tolerance=none}, that failed the task).</li>
 *   <li>{@value #BACKFILL_DIFFERENCES_TOTAL} (JDBC sink): columns added to a table with rows whose existing rows cannot
 *   hold the source's values (a clock or random default, or one the target cannot evaluate).</li>
 *   <li>{@value #UNGUARDED_TABLES} (JDBC sink): tables written without the {@code _idaas_position} column.</li>
 *   <li>{@value #TOPIC_RECREATED_TOTAL}: topics found deleted and created again whose stale offsets the task discarded
 *   ({@code topic.recreated=restart}, {@link TopicIdCheck}).</li>
 * </ul>
 * Without plugin metrics (a worker older than Kafka 4.1, or tests), the counts are kept and only not published.
 */
public final class SinkMetrics {

    public static final String APPLIED_TOTAL = "applied-record-total";
    public static final String APPLIED_RATE = "applied-record-rate";
    public static final String BATCH_SIZE_AVG = "batch-size-avg";
    public static final String BATCH_SIZE_MAX = "batch-size-max";
    public static final String LAG_SECONDS = "lag-seconds";
    public static final String RETRY_TOTAL = "retry-total";
    public static final String DEAD_LETTER_TOTAL = "dead-letter-record-total";
    public static final String DEAD_LETTER_RATE = "dead-letter-record-rate";
    public static final String BACKFILL_DIFFERENCES_TOTAL = "ddl-backfill-difference-total";
    public static final String UNGUARDED_TABLES = "unguarded-table-count";
    public static final String TOPIC_RECREATED_TOTAL = "topic-recreated-total";

    private static final LinkedHashMap<String, String> NONE = new LinkedHashMap<>();

    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong backfillDifferences = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong recreatedTopics = new AtomicLong();
    /** The newest source commit time applied, in microseconds; Long.MIN_VALUE until one is. */
    private final AtomicLong newestCommitUs = new AtomicLong(Long.MIN_VALUE);
    private final Set<String> unguarded = ConcurrentHashMap.newKeySet();
    private final LongSupplier clockMs;
    private final Sensor deadLetterSensor;
    private final Sensor appliedSensor;
    private final Sensor retrySensor;

    private SinkMetrics(PluginMetrics metrics, boolean writeMetrics, boolean tableMetrics, LongSupplier clockMs) {
        this.clockMs = clockMs;
        // Sensors are named across the worker: one name per task instance.
        String id = UUID.randomUUID().toString();
        deadLetterSensor = metrics == null ? null : deadLetterSensor(metrics, id);
        boolean writes = metrics != null && writeMetrics;
        appliedSensor = writes ? appliedSensor(metrics, id) : null;
        retrySensor = writes ? retrySensor(metrics, id) : null;
        if (writes) {
            metrics.addMetric(metrics.metricName(LAG_SECONDS, "Seconds from the source commit of the newest change this task "
                + "applied until now (NaN until a change with a commit time is applied).", NONE),
                (Gauge<Double>) (config, now) -> lagSeconds());
            metrics.addMetric(metrics.metricName(TOPIC_RECREATED_TOTAL, "Topics this task found deleted and created "
                + "again, whose stale offsets in the target it discarded (topic.recreated=restart), since it started.", NONE),
                (Gauge<Long>) (config, now) -> recreatedTopics.get());
        }
        if (metrics != null && tableMetrics) {
            MetricName backfill = metrics.metricName(BACKFILL_DIFFERENCES_TOTAL, "Columns this task added to a table with rows "
                + "whose existing rows cannot hold the source's values (a clock or random default, or one the target cannot "
                + "evaluate), since it started.", NONE);
            metrics.addMetric(backfill, (Gauge<Long>) (config, now) -> backfillDifferences.get());
            MetricName tables = metrics.metricName(UNGUARDED_TABLES, "Tables this task writes without the _idaas_position "
                + "column, so without the position guard.", NONE);
            metrics.addMetric(tables, (Gauge<Integer>) (config, now) -> unguarded.size());
        }
    }

    private static Sensor deadLetterSensor(PluginMetrics metrics, String id) {
        Sensor sensor = metrics.addSensor("idaas-dead-letter-records-" + id);
        sensor.add(metrics.metricName(DEAD_LETTER_TOTAL, "The records the target refused that this task sent to the "
            + "dead-letter topic (or that failed the task, with errors.tolerance=none) since it started.", NONE), new CumulativeCount());
        sensor.add(metrics.metricName(DEAD_LETTER_RATE, "Records sent to the dead-letter topic per second.", NONE), new Rate());
        return sensor;
    }

    /** One value per target write: the number of changes it applied. */
    private static Sensor appliedSensor(PluginMetrics metrics, String id) {
        Sensor sensor = metrics.addSensor("idaas-applied-records-" + id);
        sensor.add(metrics.metricName(APPLIED_TOTAL, "Changes this task applied to the target (committed there, or found "
            + "already there by the position guard) since it started.", NONE), new CumulativeSum());
        sensor.add(metrics.metricName(APPLIED_RATE, "Changes applied to the target per second.", NONE), new Rate());
        sensor.add(metrics.metricName(BATCH_SIZE_AVG, "The average number of changes per target write (a JDBC transaction, "
            + "a Redis script call, a MongoDB batch) over the sample window.", NONE), new Avg());
        sensor.add(metrics.metricName(BATCH_SIZE_MAX, "The largest number of changes in one target write over the sample "
            + "window.", NONE), new Max());
        return sensor;
    }

    private static Sensor retrySensor(PluginMetrics metrics, String id) {
        Sensor sensor = metrics.addSensor("idaas-retries-" + id);
        sensor.add(metrics.metricName(RETRY_TOTAL, "Times the target failed for a passing reason and the records were handed "
            + "back to be retried after retry.backoff.ms, since the task started.", NONE), new CumulativeCount());
        return sensor;
    }

    /** The JDBC sink's metrics, all of them, published through {@code metrics}; counted only when it is null. */
    public static SinkMetrics register(PluginMetrics metrics) {
        return new SinkMetrics(metrics, true, true, System::currentTimeMillis);
    }

    /**
     * The metrics of a sink without SQL tables (the Redis and MongoDB sinks): all but {@value #BACKFILL_DIFFERENCES_TOTAL}
     * and {@value #UNGUARDED_TABLES}, published through {@code metrics}; counted only when it is null.
     */
    public static SinkMetrics registerWithoutTables(PluginMetrics metrics) {
        return new SinkMetrics(metrics, true, false, System::currentTimeMillis);
    }

    /**
     * Only {@value #DEAD_LETTER_TOTAL} and {@value #DEAD_LETTER_RATE}, for a sink that counts nothing else (e.g. the
     * example sink of {@code docs/extending.md}), published through {@code metrics}; counted only when it is null.
     */
    public static SinkMetrics registerDeadLetters(PluginMetrics metrics) {
        return new SinkMetrics(metrics, false, false, System::currentTimeMillis);
    }

    /** As {@link #register} or {@link #registerWithoutTables}, with the lag measured on {@code clockMs}; for tests. */
    static SinkMetrics register(PluginMetrics metrics, boolean tableMetrics, LongSupplier clockMs) {
        return new SinkMetrics(metrics, true, tableMetrics, clockMs);
    }

    /** Counts one target write of the batch's changes, and forgets them; nothing when the batch holds none. */
    public void applied(AppliedChanges batch) {
        if (batch.count() == 0) {
            return;
        }
        applied.addAndGet(batch.count());
        if (batch.newestCommitUs() != Long.MIN_VALUE) {
            newestCommitUs.accumulateAndGet(batch.newestCommitUs(), Math::max);
        }
        if (appliedSensor != null) {
            appliedSensor.record(batch.count());
        }
        batch.clear();
    }

    /** Counts a retry: the target failed for a passing reason and the records go back to Connect. */
    public void retried() {
        retries.incrementAndGet();
        if (retrySensor != null) {
            retrySensor.record();
        }
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

    public long appliedChanges() {
        return applied.get();
    }

    /** Counts a topic found deleted and created again, whose stale offsets were discarded. */
    public void recreatedTopic() {
        recreatedTopics.incrementAndGet();
    }

    public long recreatedTopics() {
        return recreatedTopics.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Seconds since the source commit of the newest change applied; NaN before any. */
    public double lagSeconds() {
        long commitUs = newestCommitUs.get();
        if (commitUs == Long.MIN_VALUE) {
            return Double.NaN;
        }
        return (clockMs.getAsLong() * 1000 - commitUs) / 1_000_000.0;
    }
}
