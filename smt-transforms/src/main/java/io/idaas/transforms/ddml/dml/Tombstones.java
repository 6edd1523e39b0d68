package io.idaas.transforms.ddml.dml;

import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.JsonValues;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.PortableValues;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.MappingContext.TopicShape;
import io.idaas.transforms.ddml.debezium.BadRecord;
import io.idaas.transforms.ddml.types.ColumnFactory;
import io.idaas.transforms.ddml.types.ValueConverter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Re-keys a Debezium tombstone (null value after a delete) to the DDML key form (SPEC §9): the key
 * columns encoded by their portable types, taken from the last DML schema seen on the topic, or,
 * when none was seen since the task started, from the Debezium key's own Connect schema.
 */
public final class Tombstones {

    private Tombstones() {
    }

    /** The DDML key of a tombstone; null when the record has no Struct key. */
    public static Map<String, Object> key(ConnectRecord<?> record, MappingContext ctx) {
        if (!(record.key() instanceof Struct key)) {
            return null;
        }
        TopicShape shape = ctx.topicShapes().get(record.topic());
        if (shape != null && shape.system() == SourceSystem.MONGODB && key.schema().field("id") != null) {
            return mongoKey(key, shape.schema());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : key.schema().fields()) {
            PortableType type = shape == null ? null : shape.schema().column(f.name()).map(Column::type).orElse(null);
            if (type == null) {
                type = ColumnFactory.fromConnect(shape == null ? null : shape.system(), f.name(), f.schema()).type();
            }
            try {
                Object v = PortableValues.normalize(type, ValueConverter.convert(f.schema(), key.get(f), type));
                out.put(f.name(), JsonTrees.toJava(JsonValues.toJson(type, v)));
            } catch (RuntimeException e) {
                throw BadRecord.unmappable(record, "tombstone key field " + f.name() + " does not fit " + type + ": " + e.getMessage(),
                    null, e);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> mongoKey(Struct key, TableSchema schema) {
        Object id = MongoDocuments.value(MongoDocuments.parse(key.getString("id")));
        Column c = schema.column(MongoDocuments.ID).orElseThrow();
        return Map.of(MongoDocuments.ID, JsonTrees.toJava(JsonValues.toJson(c.type(), PortableValues.normalize(c.type(), id))));
    }
}
