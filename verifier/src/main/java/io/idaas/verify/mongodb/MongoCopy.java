package io.idaas.verify.mongodb;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One table's collection as the idaas MongoDB sink keeps it (a document per row, {@code _id} the key): read whole with a
 * cursor (1,000 documents a batch), or by {@code _id}, 500 a query ({@code $in}).
 */
final class MongoCopy {

    static final int BATCH = 500;

    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> collection;

    MongoCopy(MongoDatabase database, String collection) {
        this.database = database;
        this.collection = database.getCollection(collection, BsonDocument.class);
    }

    /** {@code database.collection}, for reports. */
    String name() {
        return database.getName() + "." + collection.getNamespace().getCollectionName();
    }

    /** Whether the database has the collection. */
    boolean exists() {
        String name = collection.getNamespace().getCollectionName();
        for (String c : database.listCollectionNames()) {
            if (c.equals(name)) {
                return true;
            }
        }
        return false;
    }

    long count() {
        return collection.countDocuments();
    }

    /** Every document, streamed to {@code each}. */
    void all(Consumer<BsonDocument> each) {
        for (BsonDocument d : collection.find().batchSize(1000)) {
            each.accept(d);
        }
    }

    /** The documents with these {@code _id}s, by {@code _id} (as {@link BsonValue}, which compares by value). */
    Map<BsonValue, BsonDocument> byIds(List<BsonValue> ids) {
        Map<BsonValue, BsonDocument> out = new LinkedHashMap<>();
        List<BsonValue> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += BATCH) {
            List<BsonValue> batch = distinct.subList(from, Math.min(distinct.size(), from + BATCH));
            for (BsonDocument d : collection.find(Filters.in("_id", batch))) {
                out.put(d.get("_id"), d);
            }
        }
        return out;
    }
}
