package io.idaas.views.changelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns a view's changes (view key text to its row, {@code null} when the document left the view) into DDML events
 * ({@link ChangelogEvents}) keyed by the view key's JSON, each delete followed by a tombstone so that a compacted
 * changelog forgets the key.
 *
 * <p>Its store ({@link #storeName(String)}) holds, per key that has a document, the sequence of the change that wrote
 * it (so an upsert is an {@code insert} or an {@code update}, and the removal of a key never written is not an
 * event), and under {@value #COUNTER} the task's count of changes written, which makes the positions.
 */
public final class ViewChangelog implements Processor<String, ViewRow, byte[], byte[]> {

    /** The store entry holding the task's change count; view keys are JSON objects, so it cannot collide. */
    static final String COUNTER = "#sequence";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ChangelogEvents events;
    private final String storeName;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, Long> store;

    public ViewChangelog(String sourceName, String view) {
        this.events = new ChangelogEvents(sourceName, view);
        this.storeName = storeName(view);
    }

    /** The store of view {@code view}'s changelog processor. */
    public static String storeName(String view) {
        return "view-" + view + "-changelog";
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ViewRow> change) {
        String key = change.key();
        if (key == null) {
            return;
        }
        ViewRow row = change.value();
        Long written = store.get(key);
        boolean present = row != null && row.inView();
        if (!present && written == null) {
            return; // nothing was written for this key: nothing to remove
        }
        int partition = context.taskId().partition();
        Long counter = store.get(COUNTER);
        long sequence = counter == null ? 1 : counter + 1;
        store.put(COUNTER, sequence);
        long nowUs = context.currentSystemTimeMs() * 1000;
        ObjectNode keyRow = keyRow(key);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (present) {
            store.put(key, sequence);
            forward(keyBytes, events.upsert(keyRow, row, written != null, partition, sequence, nowUs), change);
        } else {
            store.delete(key);
            forward(keyBytes, events.delete(keyRow, partition, sequence, nowUs), change);
            context.forward(new Record<>(keyBytes, (byte[]) null, change.timestamp()));
        }
    }

    private void forward(byte[] key, ObjectNode event, Record<String, ViewRow> change) {
        try {
            context.forward(new Record<>(key, MAPPER.writeValueAsBytes(event), change.timestamp()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode keyRow(String key) {
        try {
            JsonNode node = MAPPER.readTree(key);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // fall through: not a JSON object
        }
        throw new IllegalStateException("the view key '" + key + "' is not a JSON object of key columns");
    }
}
