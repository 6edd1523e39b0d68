package io.idaas.examples.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.connect.sink.DdlPolicy;
import io.idaas.connect.sink.DeadLetterReporter;
import io.idaas.connect.sink.ReadFrom;
import io.idaas.connect.sink.RecordEvents;
import io.idaas.connect.sink.RecordFailure;
import io.idaas.connect.sink.SinkContexts;
import io.idaas.connect.sink.SinkMetrics;
import io.idaas.connect.sink.SubscribedDdl;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.JsonValues;
import io.idaas.examples.ExampleVersion;
import io.idaas.transforms.ddml.process.Events;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each DDML change to a file, one JSON object a line. What it promises:
 *
 * <ul>
 *   <li><b>Each Kafka record at most one line, none lost.</b> Every line holds where its record was read in Kafka
 *       ({@code topic}, {@code partition}, {@code offset}: {@link ReadFrom}, so a transform that changes a record's
 *       topic does not confuse it). At start the task reads the file (cutting off a last line a crash left unfinished)
 *       and skips every record at or below the last offset the file holds for its partition; Connect's committed
 *       offsets ({@link #preCommit}) never pass what the file holds on disk, since the file is forced first. A
 *       redelivery after a crash, a rebalance or a replay of the topics therefore writes nothing twice.</li>
 *   <li><b>A DML line</b>: {@code op} ({@code insert}, {@code update}, {@code delete}, {@code read}, {@code truncate}),
 *       {@code table} as Debezium's {@code table.include.list} names it, {@code key} and {@code after} (null for a
 *       delete and a truncate) in DDML JSON value form, and the event's {@code id} and sortable {@code position}: a
 *       reader folding the file into rows keeps, per key, the line of the greatest position.</li>
 *   <li><b>A DDL line</b> per {@code ddl.policy}: {@code op} ({@code create_table}, {@code alter_table}, ...),
 *       {@code table}, {@code added}, {@code dropped}, {@code modified} and {@code renamed} columns, the
 *       {@code columns} of the table after it, and the {@code statement} when the source gave one. DDL of a table whose
 *       own topic the sink does not read (ToDdml on the sink over a schema-change topic) is left out
 *       ({@link SubscribedDdl}).</li>
 *   <li><b>Dead letters.</b> A value that is not DDML, and a change whose rows the source could not carry
 *       ({@code dml.omitted}), go to the dead-letter topic with the reason ({@link DeadLetterReporter}, Connect's
 *       {@code errors.tolerance=all} and {@code errors.deadletterqueue.topic.name}); without one the task fails with
 *       it. Tombstones and control records (transaction markers, heartbeats) write nothing.</li>
 *   <li><b>One writer.</b> The task holds an OS lock on the file while it runs; a second task or connector on the same
 *       file fails to start, naming it.</li>
 * </ul>
 */
public final class JsonLinesSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSinkTask.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLinesSinkConfig config;
    private SubscribedDdl subscribedDdl;
    private DeadLetterReporter deadLetters;
    private FileChannel file;
    private FileLock lock;
    /** Per partition read, the offset after the last record this task wrote or skipped. */
    private final Map<TopicPartition, Long> done = new HashMap<>();
    /** Whether lines were written since the file was last forced to disk. */
    private boolean unforced;

    @Override
    public String version() {
        return ExampleVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JsonLinesSinkConfig(props);
        subscribedDdl = SubscribedDdl.of(props);
        SinkMetrics metrics = SinkMetrics.registerDeadLetters(SinkContexts.pluginMetrics(context));
        deadLetters = new DeadLetterReporter(SinkContexts.reporter(context), metrics, LOG, "the file " + config.file());
        Path path = config.file();
        try {
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = file.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new ConnectException("cannot open " + path + " for writing: " + e.getMessage() + "; check that its "
                + "folder exists and that the Connect worker may write there", e);
        }
        if (lock == null) {
            stop();
            throw new ConnectException(path + " is being written by another task or connector: give each connector a "
                + "file of its own (key 'file')");
        }
        resumeFromFile(path);
    }

    /** Cuts off a line a crash left unfinished, and learns the last offset the file holds per partition. */
    private void resumeFromFile(Path path) {
        try {
            long size = file.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                file.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                LOG.warn("{} ends with an unfinished line ({} bytes, a crash while writing it): cutting it off; its record "
                    + "is written again", path, size - end);
                file.truncate(end);
                file.force(true);
            }
            try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    ObjectNode node = (ObjectNode) MAPPER.readTree(line);
                    TopicPartition tp = new TopicPartition(node.get("topic").textValue(), node.get("partition").intValue());
                    done.merge(tp, node.get("offset").longValue() + 1, Math::max);
                }
            }
            file.position(file.size());
        } catch (IOException | RuntimeException e) {
            stop();
            throw new ConnectException("cannot read " + path + " to resume after its last line: " + e.getMessage()
                + "; is it a file this connector wrote? Name a new file (key 'file') or move this one away", e);
        }
        if (!done.isEmpty()) {
            LOG.info("Resuming after the records {} holds: {}", path, done);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Map<TopicPartition, Long> read = new HashMap<>();
        for (SinkRecord r : records) {
            TopicPartition tp = ReadFrom.partition(r);
            Long next = read.containsKey(tp) ? read.get(tp) : done.get(tp);
            if (next != null && ReadFrom.offset(r) < next) {
                continue; // the file has it: a redelivery
            }
            read.put(tp, ReadFrom.offset(r) + 1);
            if (subscribedDdl.outside(r) || RecordEvents.carriesNoChange(r)) {
                continue; // DDL of a table this sink does not read; a tombstone or a control record
            }
            try {
                ObjectNode line = line(r, RecordEvents.read(r));
                if (line != null) {
                    lines.writeBytes(MAPPER.writeValueAsBytes(line));
                    lines.write('\n');
                }
            } catch (RecordFailure failure) {
                deadLetters.report(failure);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        } catch (IOException e) {
            throw new ConnectException("cannot append to " + config.file() + ": " + e.getMessage(), e);
        }
        unforced |= lines.size() > 0;
        done.putAll(read);
    }

    /** The line of an event; null when the event writes none (a DDL event with ddl.policy=ignore). */
    private ObjectNode line(SinkRecord r, DdmlEvent event) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("topic", ReadFrom.partition(r).topic());
        line.put("partition", ReadFrom.partition(r).partition());
        line.put("offset", ReadFrom.offset(r));
        line.put("id", event.id());
        line.put("position", event.position().sortable());
        line.put("table", Events.qualified(event.source()));
        if (event.dml() != null) {
            if (event.dml().omitted() != null) {
                throw new RecordFailure(r, "the source's " + event.dml().op().wireName() + " of table "
                    + Events.qualified(event.source()) + " (event " + event.id() + ") came without its rows: "
                    + event.dml().omitted().describe() + "; the file lacks this change", null);
            }
            line.put("op", event.dml().op().wireName());
            line.set("key", row(event.dml().key(), event.schema()));
            line.set("after", row(event.dml().after(), event.schema()));
            return line;
        }
        DdlChange ddl = event.ddl();
        String what = ddl.op().wireName() + " of table " + Events.qualified(event.source());
        switch (config.ddlPolicy()) {
            case IGNORE -> {
                return null;
            }
            case FAIL -> throw new ConnectException(what + " (event " + event.id() + "; ddl.policy=fail): change the "
                + "consumers of " + config.file() + " for it, then set ddl.policy=apply (or ignore) and restart the task");
            default -> {
            }
        }
        line.put("op", ddl.op().wireName());
        if (ddl.renamedFrom() != null) {
            line.put("renamed_from", Events.qualified(ddl.renamedFrom()));
        }
        ArrayNode added = line.putArray("added");
        ddl.added().stream().map(Column::name).forEach(added::add);
        ArrayNode dropped = line.putArray("dropped");
        ddl.dropped().forEach(dropped::add);
        ArrayNode modified = line.putArray("modified");
        ddl.modified().stream().map(ModifiedColumn::after).map(Column::name).forEach(modified::add);
        ArrayNode renamed = line.putArray("renamed");
        for (RenamedColumn c : ddl.renamed()) {
            renamed.addObject().put("from", c.from()).put("to", c.to());
        }
        ArrayNode columns = line.putArray("columns");
        if (event.schema() != null) {
            event.schema().columns().stream().map(Column::name).forEach(columns::add);
        }
        line.put("statement", ddl.statement());
        return line;
    }

    /** A row in DDML JSON value form (SPEC.md section 8.2), typed by the event's schema; null for no row. */
    private static ObjectNode row(Row row, TableSchema schema) {
        if (row == null) {
            return null;
        }
        ObjectNode out = MAPPER.createObjectNode();
        row.values().forEach((name, value) -> out.set(name,
            JsonValues.toJson(schema.column(name).map(Column::type).orElseThrow(), value)));
        return out;
    }

    /** Forces the lines to disk, then reports as done what the file holds (and the records skipped before them). */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (unforced) {
            try {
                file.force(false);
            } catch (IOException e) {
                throw new ConnectException("cannot write " + config.file() + " to disk: " + e.getMessage(), e);
            }
            unforced = false;
        }
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : currentOffsets.keySet()) {
            Long next = done.get(tp);
            if (next != null) {
                out.put(tp, new OffsetAndMetadata(next));
            }
        }
        return out;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        deadLetters.close(partitions);
    }

    @Override
    public void stop() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot close {}: {}", config.file(), e.getMessage());
        } finally {
            lock = null;
            file = null;
        }
    }
}
