package io.idaas.transforms.ddml.dml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.DmlOp;
import io.idaas.ddml.Row;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.debezium.BadRecord;
import io.idaas.transforms.ddml.debezium.DebeziumChange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps a Debezium MongoDB change event ({@code before}/{@code after} as Extended JSON text,
 * {@code updateDescription} when the full document is not captured) to a DDML DML event whose
 * columns are the document's top-level fields and whose key is {@code _id}.
 */
public final class MongoDml {

    private MongoDml() {
    }

    /** The DDML event of a MongoDB change. */
    public static DdmlEvent map(ConnectRecord<?> record, DebeziumChange change, MappingContext ctx) {
        try {
            JsonNode id = keyId(record);
            ObjectNode after = change.after() instanceof String a ? (ObjectNode) MongoDocuments.parse(a) : null;
            ObjectNode before = change.before() instanceof String b ? (ObjectNode) MongoDocuments.parse(b) : null;
            if (after == null && change.op().equals("u")) {
                after = fromUpdateDescription(change.value(), id);
            }
            TableSchema schema = schema(after, before, id);
            ctx.topicShapes().put(record.topic(), new MappingContext.TopicShape(SourceSystem.MONGODB, schema));
            Row afterRow = row(after);
            Row beforeRow = row(before);
            DmlChange dml = switch (change.op()) {
                case "c" -> DmlChange.insert(require(record, afterRow));
                case "r" -> DmlChange.read(require(record, afterRow));
                case "u" -> DmlChange.update(beforeRow, require(record, afterRow));
                case "d" -> beforeRow != null ? DmlChange.delete(beforeRow)
                    : new DmlChange(DmlOp.DELETE, Row.of(MongoDocuments.ID, MongoDocuments.value(id)), null, null, null);
                default -> DmlChange.truncate();
            };
            return EnvelopeParts.builder(change, ctx).schema(schema).dml(DdmlKeys.withKeyRow(dml, schema)).build();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw BadRecord.unmappable(record, "the MongoDB change does not map to DDML: " + e.getMessage(),
                "ToDdml expects the Debezium MongoDB connector's event (before/after as Extended JSON text)", e);
        }
    }

    private static JsonNode keyId(ConnectRecord<?> record) {
        if (record.key() instanceof Struct k && k.schema().field("id") != null && k.get("id") instanceof String s) {
            return MongoDocuments.parse(s);
        }
        return null;
    }

    private static ObjectNode fromUpdateDescription(Struct value, JsonNode id) {
        if (value.schema().field("updateDescription") == null || !(value.get("updateDescription") instanceof Struct ud)) {
            return null;
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        if (id != null) {
            doc.set(MongoDocuments.ID, id);
        }
        if (ud.get("updatedFields") instanceof String updated) {
            doc.setAll((ObjectNode) MongoDocuments.parse(updated));
        }
        if (ud.schema().field("removedFields") != null && ud.get("removedFields") instanceof List<?> removed) {
            removed.forEach(r -> doc.putNull(r.toString()));
        }
        return doc;
    }

    private static TableSchema schema(ObjectNode after, ObjectNode before, JsonNode id) {
        Map<String, Column> columns = new LinkedHashMap<>();
        if (id != null) {
            columns.put(MongoDocuments.ID, MongoDocuments.column(MongoDocuments.ID, id));
        }
        for (ObjectNode doc : new ObjectNode[] {after, before}) {
            if (doc == null) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> it = doc.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Column existing = columns.get(e.getKey());
                if (existing == null || existing.nativeType() == null) {
                    columns.put(e.getKey(), MongoDocuments.column(e.getKey(), e.getValue()));
                }
            }
        }
        return TableSchema.of(new ArrayList<>(columns.values()), columns.containsKey(MongoDocuments.ID) ? List.of(MongoDocuments.ID) : List.of());
    }

    private static Row row(ObjectNode doc) {
        if (doc == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        doc.fields().forEachRemaining(e -> values.put(e.getKey(), MongoDocuments.value(e.getValue())));
        return Row.of(values);
    }

    private static Row require(ConnectRecord<?> record, Row row) {
        if (row == null) {
            throw BadRecord.notDebezium(record, "a MongoDB change without a document in 'after'");
        }
        return row;
    }
}
