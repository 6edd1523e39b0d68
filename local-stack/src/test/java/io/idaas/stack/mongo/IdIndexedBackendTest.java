package io.idaas.stack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * The stack's mongo selects the same documents as mongo-java-server's stock backend for filters with an {@code _id}
 * equality beside other conditions (which it serves from the {@code _id} index): finds, guarded updates, upserts and
 * deletes give the same results and leave the same documents on both.
 */
class IdIndexedBackendTest {

    private static final List<Bson> FILTERS = List.of(
        Filters.and(Filters.eq("_id", 5), Filters.lt("v", "p5")),
        Filters.and(Filters.eq("_id", 5), Filters.gt("v", "p5")),
        Filters.and(Filters.eq("_id", 6), Filters.or(Filters.lt("v", "q"), Filters.exists("v", false))),
        Filters.and(Filters.eq("_id", 7), Filters.exists("w", false)),
        Filters.and(Filters.eq("_id", new Document("a", 1).append("b", "x")), Filters.lt("v", "z")),
        Filters.and(Filters.eq("_id", new Document("b", "x").append("a", 1)), Filters.lt("v", "z")), // field order
        Filters.and(Filters.eq("_id", 404), Filters.lt("v", "z")),
        Filters.and(Filters.in("_id", 1, 2, 3), Filters.lt("v", "p3")),
        Filters.and(Filters.regex("_id", Pattern.compile("^s")), Filters.exists("v")),
        new Document("_id", 8).append("v", "p8"),
        new Document("$and", List.of(new Document("_id", 9), new Document("v", new Document("$lt", "p9z")))),
        Filters.or(Filters.eq("_id", 1), Filters.eq("_id", 2)));

    @Test
    void filtersWithAnIdEqualitySelectTheSameDocumentsAsTheStockBackend() {
        de.bwaldvogel.mongo.MongoServer stock = new de.bwaldvogel.mongo.MongoServer(new MemoryBackend());
        MongoServer ours = new MongoServer(0);
        ours.start();
        java.net.InetSocketAddress stockAddress = stock.bind();
        try (MongoClient a = MongoClients.create("mongodb://" + addr(stockAddress));
             MongoClient b = MongoClients.create(ours.connectionString())) {
            MongoCollection<Document> s = a.getDatabase("t").getCollection("c");
            MongoCollection<Document> o = b.getDatabase("t").getCollection("c");
            for (MongoCollection<Document> c : List.of(s, o)) {
                for (int i = 0; i < 50; i++) {
                    c.insertOne(new Document("_id", i).append("v", "p" + i).append(i % 2 == 0 ? "w" : "x", i));
                }
                c.insertOne(new Document("_id", new Document("a", 1).append("b", "x")).append("v", "y"));
                c.insertOne(new Document("_id", "s1").append("v", "r"));
            }
            for (Bson f : FILTERS) {
                assertThat(ids(o.find(f))).as("find %s", f).isEqualTo(ids(s.find(f)));
            }
            for (Bson f : FILTERS) {
                var rs = s.updateOne(f, Updates.set("u", f.toString()));
                var ro = o.updateOne(f, Updates.set("u", f.toString()));
                assertThat(ro.getMatchedCount()).as("update %s", f).isEqualTo(rs.getMatchedCount());
            }
            var upS = s.replaceOne(Filters.and(Filters.eq("_id", 100), Filters.lt("v", "z")), new Document("v", "new"),
                new ReplaceOptions().upsert(true));
            var upO = o.replaceOne(Filters.and(Filters.eq("_id", 100), Filters.lt("v", "z")), new Document("v", "new"),
                new ReplaceOptions().upsert(true));
            assertThat(upO.getUpsertedId()).isEqualTo(upS.getUpsertedId());
            for (Bson f : FILTERS) {
                assertThat(o.deleteMany(f).getDeletedCount()).as("delete %s", f).isEqualTo(s.deleteMany(f).getDeletedCount());
            }
            assertThat(all(o)).isEqualTo(all(s));
            assertThat(all(o)).as("something was left to compare").hasSizeGreaterThan(30);
        } finally {
            stock.shutdownNow();
            ours.close();
        }
    }

    private static String addr(java.net.InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static List<String> ids(Iterable<Document> docs) {
        List<String> out = new ArrayList<>();
        docs.forEach(d -> out.add(String.valueOf(d.get("_id"))));
        out.sort(null);
        return out;
    }

    private static List<String> all(MongoCollection<Document> c) {
        List<String> out = new ArrayList<>();
        c.find().forEach(d -> out.add(d.toJson()));
        out.sort(null);
        return out;
    }
}
