package io.idaas.stack.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Ports;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack's mongo part, reached through MongoDB's official driver only: what the idaas MongoDB sink relies on. */
class MongoServerTest {

    @Test
    void answersTheOfficialDriverAndKeepsDataAcrossStopAndStart() {
        try (MongoServer mongo = new MongoServer(0)) {
            assertThat(mongo.kind()).isEqualTo(Component.MONGO);
            assertThat(mongo.endpoints()).isEmpty();
            mongo.start();
            int port = mongo.port();
            assertThat(port).isPositive();
            assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
            assertThat(mongo.endpoints()).containsExactly(new Endpoint("MongoDB", mongo.connectionString()));
            try (MongoClient client = client(mongo)) {
                // the driver's handshake: it refuses a server whose wire version it does not support
                Document build = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
                assertThat(build.getString("version")).startsWith("5.0");
                client.getDatabase("shop").getCollection("customers").insertOne(new Document("_id", 1).append("name", "Ada"));
            }

            mongo.stop();
            assertThat(mongo.running()).isFalse();
            assertThat(mongo.endpoints()).isEmpty();
            assertThat(Ports.isFree(port)).as("port %d is free while stopped", port).isTrue();

            mongo.start();
            assertThat(mongo.port()).isEqualTo(port);
            try (MongoClient client = client(mongo)) {
                Document ada = client.getDatabase("shop").getCollection("customers").find(Filters.eq("_id", 1)).first();
                assertThat(ada).isNotNull();
                assertThat(ada.getString("name")).isEqualTo("Ada");
            }
        }
    }

    /**
     * The writes the sink makes, as mongo-layout.md fixes them: guarded replaceOne/updateOne upserts (a newer stored
     * document makes the upsert collide on {@code _id}: E11000), guarded deletes, bulkWrite unordered, and the BSON
     * types of SPEC 11 (Decimal128, binary subtype 0 and 4, composite {@code _id}).
     */
    @Test
    void takesTheSinksGuardedWrites() {
        try (MongoServer mongo = new MongoServer(0)) {
            mongo.start();
            try (MongoClient client = client(mongo)) {
                MongoCollection<BsonDocument> rows = client.getDatabase("shop").getCollection("orders", BsonDocument.class);
                BsonDocument key = new BsonDocument("shop", new BsonInt32(1)).append("no", new BsonString("A-1"));

                assertThat(replace(rows, key, "00002", "second").getUpsertedId()).isEqualTo(key);
                // an older event: no document matches the guard, the upsert's insert collides on _id
                assertThatThrownBy(() -> replace(rows, key, "00001", "first"))
                        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
                // the same event again: equal positions do not match $lt either
                assertThatThrownBy(() -> replace(rows, key, "00002", "second"))
                        .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
                assertThat(replace(rows, key, "00003", "third").getModifiedCount()).isEqualTo(1);
                assertThat(rows.find(Filters.eq("_id", key)).first().getString("v").getValue()).isEqualTo("third");

                UUID uuid = UUID.fromString("eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3");
                BsonDocument typed = new BsonDocument("_id", new BsonInt32(7))
                        .append("amount", new org.bson.BsonDecimal128(new Decimal128(new BigDecimal("12345678901234567890123.4567890000"))))
                        .append("bytes", new BsonBinary(new byte[]{0, 1, (byte) 255}))
                        .append("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD));
                rows.insertOne(typed);
                BsonDocument read = rows.find(Filters.eq("_id", 7)).first();
                assertThat(read.getDecimal128("amount").getValue().bigDecimalValue()).isEqualTo(new BigDecimal("12345678901234567890123.4567890000"));
                assertThat(read.getBinary("bytes").getType()).isEqualTo(BsonBinarySubType.BINARY.getValue());
                assertThat(read.getBinary("uuid").getType()).isEqualTo(BsonBinarySubType.UUID_STANDARD.getValue());
                assertThat(read.getBinary("uuid").asUuid()).isEqualTo(uuid);

                // bulkWrite, unordered: one collision does not stop the others, and is reported by its index
                BsonDocument one = new BsonDocument("shop", new BsonInt32(1)).append("no", new BsonString("B-1"));
                assertThatThrownBy(() -> rows.bulkWrite(List.of(
                        new ReplaceOneModel<>(guard(key, "00001"), row(key, "00001", "stale"), new ReplaceOptions().upsert(true)),
                        new UpdateOneModel<>(guard(one, "00005"), Updates.combine(Updates.set("v", "b"),
                                Updates.set("_ddml", new BsonDocument("sortable", new BsonString("00005")))),
                                new UpdateOptions().upsert(true)),
                        new DeleteOneModel<>(Filters.and(Filters.eq("_id", 7), Filters.lt("_ddml.sortable", "00009")))),
                        new BulkWriteOptions().ordered(false)))
                        .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> {
                            assertThat(e.getWriteErrors()).hasSize(1);
                            assertThat(e.getWriteErrors().get(0).getIndex()).isZero();
                            assertThat(e.getWriteErrors().get(0).getCode()).isEqualTo(11000);
                            assertThat(e.getWriteResult().getUpserts()).hasSize(1);
                        });
                assertThat(rows.find(Filters.eq("_id", key)).first().getString("v").getValue()).isEqualTo("third");
                assertThat(rows.find(Filters.eq("_id", one)).first().getString("v").getValue()).isEqualTo("b");
                // the typed document had no _ddml: "_ddml.sortable" < s does not match it, so it stays
                assertThat(rows.countDocuments(Filters.eq("_id", 7))).isEqualTo(1);
            }
        }
    }

    @Test
    void namesATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             MongoServer mongo = new MongoServer(taken.getLocalPort())) {
            assertThatThrownBy(mongo::start)
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("mongo")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                    .hasMessageContaining("--port mongo=");
        }
    }

    private static UpdateResult replace(MongoCollection<BsonDocument> rows, BsonDocument key, String sortable, String value) {
        return rows.replaceOne(guard(key, sortable), row(key, sortable, value), new ReplaceOptions().upsert(true));
    }

    private static Bson guard(BsonDocument key, String sortable) {
        return Filters.and(Filters.eq("_id", key),
                Filters.or(Filters.lt("_ddml.sortable", sortable), Filters.exists("_ddml", false)));
    }

    private static BsonDocument row(BsonDocument key, String sortable, String value) {
        return new BsonDocument("_id", key).append("v", new BsonString(value))
                .append("_ddml", new BsonDocument("sortable", new BsonString(sortable)));
    }

    private static MongoClient client(MongoServer mongo) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(mongo.connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
    }
}
