package io.idaas.transforms.ddml.source;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.SourceSystem;
import io.idaas.transforms.ddml.DdmlRecords;
import io.idaas.transforms.ddml.DebeziumToDdml;
import io.idaas.transforms.ddml.DebeziumToDdml.Mapped;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.Versions;
import io.idaas.transforms.ddml.debezium.DebeziumTableTopics;
import io.idaas.transforms.ddml.debezium.TableTopics;
import io.idaas.transforms.ddml.ddl.DerivedDdl;
import io.idaas.transforms.ddml.dml.DdmlOutput;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of {@link DdmlSourceConnector}: runs the delegate connector's task, turns each record it
 * polls into DDML records (as ToDdml does, emitting every DDL event of a multi-table schema change;
 * DDL events only for tables the delegate captures, on the topic the delegate's naming strategy gives
 * the table's data, both built from the delegate's own configuration by {@link DebeziumTableTopics}),
 * and puts a derived DDL record just before a DML record whose table shape changed (for the systems
 * of {@code ddml.derived.ddl.systems}). A derived record carries a source partition of its table's own (by the table's
 * catalog identity, which a rename keeps) and, as its offset, the shape derived DDL remembers of the table and the
 * table's name ({@link DerivedShapeOffsets}), read back the first time a task meets the table. A derived
 * {@code rename_table} goes, like every derived record, on the topic of the DML record it precedes: the new name's. {@link #commitRecord} and {@link #commit} reach the delegate task for exactly the records it produced.
 */
public class DdmlSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(DdmlSourceTask.class);

    private SourceTask delegate;
    private DebeziumToDdml mapper;
    private DerivedDdl derived;
    private Set<SourceSystem> derivedSystems;
    private boolean headers;
    private boolean tolerateErrors;
    /** Records handed to the worker that stand for a delegate record: ours to the delegate's. */
    private final Map<SourceRecord, SourceRecord> produced = new IdentityHashMap<>();

    @Override
    public void start(Map<String, String> props) {
        DdmlSourceConfig config = new DdmlSourceConfig(props);
        Map<String, String> delegateProps = DdmlSourceConfig.delegateProps(props);
        TableTopics topics = tableTopics(config.delegateClass(), delegateProps);
        start(config, Delegates.instantiate(config.delegateTaskClass(), SourceTask.class, DdmlSourceConfig.DELEGATE_TASK_CLASS),
            new DebeziumToDdml(config.transformConfig(), MappingContext::systemMicros, topics));
        if (derivedSystems.contains(SourceSystem.POSTGRESQL) && config.delegateClass().toLowerCase(java.util.Locale.ROOT)
            .contains("postgres")) {
            // The log carries no column defaults and no renames: derived DDL reads the defaults and the columns' numbers
            // from the source's catalog; with a column filter, events do not carry every column the catalog lists.
            derived.withCatalog(io.idaas.transforms.ddml.ddl.PostgresCatalog.of(delegateProps))
                .withAllColumns(isBlank(delegateProps.get("column.include.list")) && isBlank(delegateProps.get("column.exclude.list")));
        }
        delegate.initialize(context);
        delegate.start(delegateProps);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * DDL topics and captured tables as the delegate's own configuration gives them: its topic naming strategy and its
     * table filter, built by Debezium's code (a Debezium relational connector), else Debezium's system defaults.
     */
    static TableTopics tableTopics(String connectorClass, Map<String, String> delegateProps) {
        Optional<TableTopics> own = DebeziumTableTopics.ofConnector(connectorClass, delegateProps,
            DdmlSourceTask.class.getClassLoader());
        if (own.isEmpty()) {
            LOG.info("{} has no relational Debezium configuration: DDL events (if any) go to the topics Debezium's default "
                + "naming gives, for every table", connectorClass);
        }
        return own.orElseGet(TableTopics::debeziumDefaults);
    }

    /** Sets up around a given delegate and mapper, without starting the delegate (tests). */
    void start(DdmlSourceConfig config, SourceTask delegateTask, DebeziumToDdml ddmlMapper) {
        this.delegate = delegateTask;
        this.mapper = ddmlMapper;
        this.derived = new DerivedDdl(config.transformConfig().tableCacheSize())
            .withStore(DerivedShapeOffsets.store(context));
        this.derivedSystems = config.derivedDdlSystems();
        this.headers = config.transformConfig().headersEnabled();
        this.tolerateErrors = config.tolerateErrors();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> in = delegate.poll();
        if (in == null) {
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(in.size());
        for (SourceRecord r : in) {
            List<SourceRecord> mapped = map(r);
            if (mapped.isEmpty()) {
                delegate.commitRecord(r, null);
                continue;
            }
            synchronized (produced) {
                produced.put(mapped.get(mapped.size() - 1), r);
            }
            out.addAll(mapped);
        }
        return out;
    }

    private List<SourceRecord> map(SourceRecord r) {
        Mapped m;
        try {
            m = mapper.map(r);
        } catch (DataException e) {
            if (!tolerateErrors) {
                throw e;
            }
            LOG.error("DdmlSourceTask skips a record (ddml.errors.tolerance=all): {}", e.getMessage(), e);
            return List.of();
        }
        if (m.passThrough()) {
            return List.of(r);
        }
        List<SourceRecord> out = new ArrayList<>();
        for (DdmlOutput o : m.outputs()) {
            DdmlOutput output = o;
            DdmlEvent e = o.event();
            if (e != null && e.dml() != null && SourceSystem.of(e.source().system()).filter(derivedSystems::contains).isPresent()) {
                DdmlEvent known = derived.withKnownKey(e);
                if (known != e) {
                    output = DdmlOutput.of(o.topic(), known);
                }
                Optional<DerivedDdl.Derived> ddl = derived.deriveWithShape(known);
                ddl.ifPresent(d -> out.add(DerivedShapeOffsets.withShape(
                    DdmlRecords.toRecord(r, DdmlOutput.of(o.topic(), d.event()), headers), d)));
            }
            out.add(DdmlRecords.toRecord(r, output, headers));
        }
        return out;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        SourceRecord original;
        synchronized (produced) {
            original = produced.remove(record);
        }
        if (original != null) {
            delegate.commitRecord(original, metadata);
        }
    }

    @Override
    public void commit() throws InterruptedException {
        delegate.commit();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        if (derived != null) {
            derived.closeCatalog();
        }
    }

    @Override
    public String version() {
        return Versions.version();
    }
}
