package io.idaas.stack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;

/**
 * mongo-java-server's in-memory backend with one thing of MongoDB's query planner it lacks: a filter that holds an
 * equality on {@code _id} beside other conditions ({@code {_id: k, x: {$lt: 5}}}, or {@code {$and: [{_id: k}, ...]}})
 * is served from the {@code _id} index, the one candidate document then matched against the whole filter, as MongoDB
 * does. mongo-java-server alone uses an index only for a filter of exactly the index's fields, and scans the whole
 * collection for any other; a conditional write such as the idaas MongoDB sink's position guard then costs a scan of
 * the collection per document written. Which documents a filter selects does not change: only how they are found.
 */
final class IdIndexedBackend extends MemoryBackend {

    private static final String ID = "_id";

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new Collection(this, collectionName, options, cursorRegistry);
            }
        };
    }

    private static final class Collection extends MemoryCollection {

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Object id = idEquality(query);
            if (id != null && ID.equals(getIdField())) {
                Document byId = new Document(ID, id);
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
                            fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** The value {@code _id} must equal for a document to match, when the filter says so beside other conditions. */
        private static Object idEquality(Document query) {
            if (query == null || query.size() < 2 && !query.containsKey("$and")) {
                return null; // {_id: k} alone, or no _id: the stock planner does as well
            }
            Object id = query.get(ID);
            if (id == null && query.get("$and") instanceof List<?> all) {
                for (Object part : all) {
                    if (part instanceof Document d && d.size() == 1 && plainValue(d.get(ID))) {
                        return d.get(ID);
                    }
                }
                return null;
            }
            return plainValue(id) ? id : null;
        }

        /** A value compared by equality: not an operator document ({$in: ...}, {$lt: ...}), not a pattern. */
        private static boolean plainValue(Object value) {
            if (value == null || value instanceof java.util.regex.Pattern
                || de.bwaldvogel.mongo.bson.BsonRegularExpression.isRegularExpression(value)) {
                return false;
            }
            if (value instanceof Document d) {
                return d.keySet().stream().noneMatch(k -> k.startsWith("$"));
            }
            return !(value instanceof java.util.Collection<?>);
        }
    }
}
