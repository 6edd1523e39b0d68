package io.idaas.connect.mongodb;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.idaas.connect.sink.AppliedFrontier;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link AppliedFrontier}'s MongoDB side: reads the partitions' offsets in {@code _idaas_offsets} (written by every task
 * of the connector after its rows, and only ever raised) and raises {@code _idaas_applied} of each source whose bound
 * ends they have reached, under a position guard (an upsert that meets a newer position is a duplicate key: left).
 * Reading then raising is not one step, and need not be: offsets that reached the ends stay there.
 */
final class MongoAppliedStore implements AppliedFrontier.Store {

    private final MongoDatabase db;
    private final String connector;
    private final com.mongodb.client.MongoClient ownClient;

    /** On the caller's client. */
    MongoAppliedStore(MongoDatabase db, String connector) {
        this(db, connector, null);
    }

    /** @param ownClient the client {@link #close} closes (the frontier thread's own), or null */
    MongoAppliedStore(MongoDatabase db, String connector, com.mongodb.client.MongoClient ownClient) {
        this.db = db;
        this.connector = connector;
        this.ownClient = ownClient;
    }

    @Override
    public void close() {
        if (ownClient != null) {
            ownClient.close();
        }
    }

    @Override
    public Set<String> raiseWhereReached(Map<String, AppliedFrontier.Bound> bound) {
        Set<String> fields = new HashSet<>();
        bound.values().forEach(b -> fields.addAll(b.ends().keySet()));
        BsonArray ids = new BsonArray();
        fields.forEach(f -> ids.add(new BsonString(connector + "/" + f)));
        Map<String, Long> stored = new HashMap<>();
        for (BsonDocument d : db.getCollection(MongoLayout.OFFSETS, BsonDocument.class).find(Filters.in("_id", ids))) {
            BsonValue offset = d.get("offset");
            if (offset != null && offset.isNumber()) {
                stored.put(d.getString("_id").getValue().substring(connector.length() + 1), offset.asNumber().longValue());
            }
        }
        Set<String> raised = new HashSet<>();
        bound.forEach((source, b) -> {
            boolean reached = b.ends().entrySet().stream()
                .allMatch(e -> e.getValue() <= 0 || stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (!reached) {
                return;
            }
            BsonString id = new BsonString(source);
            try {
                db.getCollection(MongoLayout.APPLIED, BsonDocument.class).updateOne(
                    MongoLayout.positionGuard(id, "sortable", b.position()),
                    new BsonDocument("$set", new BsonDocument("sortable", new BsonString(b.position()))),
                    new UpdateOptions().upsert(true));
            } catch (MongoWriteException e) {
                if (e.getCode() != MongoErrors.DUPLICATE_KEY) {
                    throw e;
                }
            }
            raised.add(source);
        });
        return raised;
    }
}
