package io.idaas.connect.sink;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableTopicNames;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sink to the DDL of the tables it replicates. With ToDdml as the sink's own transform over Debezium's topics,
 * the sink reads the MySQL or MariaDB schema-change topic ({@code topic.prefix}), whose events name every table of the
 * captured databases, and ToDdml makes a DDL event of each one. Such an event (read from the topic its
 * {@code source.name} names, the schema-change topic) is for a table the sink replicates only when the sink also reads
 * the table's own topic (the default naming of SPEC.md section 9.2, by which ToDdml routes it); otherwise the sink skips it, counts it, and
 * logs each such table once. DDL events read from a table's own topic (DdmlSourceConnector's, or ToDdml on the
 * source) are not touched: the source already left out tables outside its filter.
 */
public final class SubscribedDdl {

    private static final Logger LOG = LoggerFactory.getLogger(SubscribedDdl.class);

    private final Predicate<String> topics;
    private final Set<String> loggedTables = new HashSet<>();
    private long skipped;

    SubscribedDdl(Predicate<String> topics) {
        this.topics = topics;
    }

    /** For a sink task's configuration ({@code topics} or {@code topics.regex}). */
    public static SubscribedDdl of(Map<String, String> taskProps) {
        return new SubscribedDdl(AppliedFrontier.topicsOf(taskProps));
    }

    /**
     * Whether the record is a DDL event of a table whose own topic the sink does not read, made from a schema-change
     * record: the sink leaves it out (and the caller goes on with the next record). Cheap for every other record: only
     * a record whose topic was changed on the way (by a transform) is read.
     */
    public boolean outside(SinkRecord record) {
        String read = record.originalTopic();
        if (read == null || read.equals(record.topic()) || RecordEvents.carriesNoChange(record)) {
            return false;
        }
        DdmlEvent event;
        try {
            event = RecordEvents.read(record);
        } catch (RecordFailure e) {
            return false; // not for this check: the sink reports it where it reads the event
        }
        Source source = event.source();
        if (event.ddl() == null || source == null || !read.equals(source.name())) {
            return false;
        }
        Optional<SourceSystem> system = SourceSystem.of(source.system());
        if (system.isEmpty()) {
            return false;
        }
        String tableTopic = TableTopicNames.of(read, system.get(), source.tableRef());
        if (topics.test(tableTopic)) {
            return false;
        }
        skipped++;
        if (loggedTables.size() < 10_000 && loggedTables.add(tableTopic)) {
            LOG.info("{} of {} (from the schema-change topic {}) is left out: this sink does not read the table's topic {} "
                    + "(topics or topics.regex); later DDL events of that table are left out without a log line",
                event.ddl().op().wireName(), source.tableRef(), read, tableTopic);
        }
        return true;
    }

    /** DDL events left out since the task started. */
    public long skipped() {
        return skipped;
    }
}
