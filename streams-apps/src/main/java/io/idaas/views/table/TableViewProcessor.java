package io.idaas.views.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.views.declaration.ViewDeclaration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a table view's store: one entry per primary key of the source table, holding the source row and, when the
 * row passes the view's {@code where}, its document shaped by the view's {@code fields}.
 *
 * <ul>
 *   <li>insert, read and update put the row (an update's columns absent from {@code after}, such as an unchanged
 *   TOASTed PostgreSQL column, keep their stored value); a row that no longer passes {@code where} is removed;</li>
 *   <li>delete removes the key; truncate empties the view; a key change arrives as a delete then an insert (SPEC.md
 *   section 6);</li>
 *   <li>an event older than the stored row (by sortable position) changes nothing, so a replay is harmless;</li>
 *   <li>DDL changes nothing by itself: rows carry their columns, so a column added upstream appears in the view
 *   with the next change of each row, without a restart.</li>
 *   <li>a change whose rows its producer left out ({@code dml.omitted}, SPEC.md section 6.1) is not applied: it is
 *   logged, with a count, and the row stays as it was until its next change.</li>
 * </ul>
 *
 * Each partition also records the newest position it applied in the positions store, for consistency tokens.
 */
public final class TableViewProcessor implements Processor<byte[], JsonNode, String, ViewRow> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableViewProcessor.class);
    private long omitted;

    private final ViewDeclaration view;
    private final String storeName;
    private final String positionsStoreName;
    private KeyValueStore<String, ViewRow> store;
    private KeyValueStore<Integer, String> positions;
    private ProcessorContext<String, ViewRow> context;
    private final OpenStores openStores;

    /** With the registry its store is added to while it runs ({@link OpenStores}). */
    public TableViewProcessor(ViewDeclaration view, String storeName, String positionsStoreName, OpenStores openStores) {
        this.view = view;
        this.storeName = storeName;
        this.positionsStoreName = positionsStoreName;
        this.openStores = openStores;
    }

    @Override
    public void init(ProcessorContext<String, ViewRow> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.positions = context.getStateStore(positionsStoreName);
        openStores.opened(storeName, context.taskId().partition(), store);
    }

    @Override
    public void close() {
        if (context != null) {
            openStores.closed(storeName, context.taskId().partition(), store);
        }
    }

    @Override
    public void process(Record<byte[], JsonNode> record) {
        JsonNode event = record.value();
        if (event == null || event.isNull()) {
            return; // a tombstone (SPEC.md section 9)
        }
        String position = event.path("position").path("sortable").asText(null);
        if (position == null) {
            throw new IllegalArgumentException("a DDML event without position.sortable on the topic of view '"
                    + view.name() + "'");
        }
        if ("dml".equals(event.path("kind").asText())) {
            apply(record.key(), event.path("dml"), event.path("schema"), position);
        }
        JsonNode commitUs = event.path("time").path("commit_us");
        if (commitUs.isNumber()) {
            openStores.freshness().applied(view.name(), commitUs.asLong());
        }
        context.recordMetadata().ifPresent(m -> {
            String applied = positions.get(m.partition());
            if (applied == null || applied.compareTo(position) < 0) {
                positions.put(m.partition(), position);
            }
        });
    }

    private void apply(byte[] recordKey, JsonNode dml, JsonNode schema, String position) {
        String op = dml.path("op").asText();
        if (op.equals("truncate")) {
            truncate(position);
            return;
        }
        if (dml.hasNonNull("omitted")) {
            // A change its producer could not carry (SPEC.md section 6.1): never applied; the row is stale in the view.
            LOG.warn("View '{}': the source {} of the row {} at position {} was not carried ({}); the view's row is stale until "
                    + "its next change. Changes not carried so far in this task: {}", view.name(), op, dml.path("key"), position,
                    dml.get("omitted"), ++omitted);
            return;
        }
        JsonNode keyRow = dml.hasNonNull("key") ? dml.get("key") : keyOf(schema, op.equals("delete") ? dml.get("before") : dml.get("after"));
        if (keyRow == null) {
            return; // a table without a primary key has no table view key; the view declaration check refuses it
        }
        // The Kafka key as the DDML transforms wrote it: the text the partitioner hashed, so routing finds it again.
        String key = recordKey != null ? new String(recordKey, java.nio.charset.StandardCharsets.UTF_8) : ViewKeys.of(keyRow);
        ViewRow stored = store.get(key);
        if (stored != null && stored.position().compareTo(position) > 0) {
            return; // an older event, replayed
        }
        switch (op) {
            case "insert", "read", "update" -> {
                JsonNode after = dml.get("after");
                ObjectNode row = stored != null && op.equals("update") ? merged(stored.source(), after) : (ObjectNode) after.deepCopy();
                // A row outside the view is kept, without a document, so that a later partial update can be merged.
                ObjectNode document = view.accepts(row) ? view.project(row) : null;
                ViewRow next = new ViewRow(row, document, position, document == null ? null : ColumnTypes.of(schema, view.fields()));
                store.put(key, next);
                if (next.inView() || (stored != null && stored.inView())) {
                    context.forward(new Record<>(key, next.inView() ? next : null, context.currentSystemTimeMs()));
                }
            }
            case "delete" -> remove(key, stored);
            default -> throw new IllegalArgumentException("unknown DDML op '" + op + "' on the topic of view '" + view.name() + "'");
        }
    }

    private void remove(String key, ViewRow stored) {
        if (stored != null) {
            store.delete(key);
            if (stored.inView()) {
                context.forward(new Record<>(key, null, context.currentSystemTimeMs()));
            }
        }
    }

    private void truncate(String position) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ViewRow> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.position().compareTo(position) < 0) {
                    keys.add(kv.key);
                }
            });
        }
        for (String key : keys) {
            remove(key, store.get(key));
        }
    }

    private static ObjectNode merged(ObjectNode before, JsonNode after) {
        ObjectNode row = before.deepCopy();
        after.fields().forEachRemaining(e -> row.set(e.getKey(), e.getValue()));
        return row;
    }

    private static JsonNode keyOf(JsonNode schema, JsonNode row) {
        JsonNode pk = schema.path("primary_key");
        if (row == null || !pk.isArray() || pk.isEmpty()) {
            return null;
        }
        ObjectNode key = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (JsonNode column : pk) {
            key.set(column.asText(), row.get(column.asText()));
        }
        return key;
    }
}
