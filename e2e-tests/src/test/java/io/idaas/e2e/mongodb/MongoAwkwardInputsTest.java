package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Awkward inputs from PostgreSQL into MongoDB through the shipped {@code postgres-to-mongodb} config: a table whose name
 * holds a space and a non-ASCII letter, a composite key one of whose columns changes, NULLs, {@code bytea},
 * {@code numeric(38,10)}, {@code timestamp(6)} and {@code jsonb} with nested arrays. The collection is judged against the
 * table with plain SQL and the official driver: each value in the BSON type SPEC.md section 11 gives it.
 */
@ExtendWith(LocalStackExtension.class)
class MongoAwkwardInputsTest {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
        .decimal128Converter((v, w) -> w.writeRaw(v.toString())).int64Converter((v, w) -> w.writeRaw(v.toString())).build();

    @Test
    void awkwardNamesKeysAndValuesArriveInTheirBsonTypes(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "Bestellung ü " + run;
        String prefix = "awkmongo_" + run;
        String database = "awk_" + run;
        SourceDatabase db = SourceDatabase.POSTGRES;
        String quoted = "\"" + table + "\"";
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + quoted + " (shop text, no bigint, amount numeric(38,10), at timestamp(6), "
                + "payload bytea, doc jsonb, note text, PRIMARY KEY (shop, no))");
            sql.execute("INSERT INTO " + quoted + " VALUES ('Zürich', 1, 1234567890123456789012345678.0123456789, "
                + "'2025-03-14 09:26:53.589793', '\\x00ff0a', '{\"a\":[1,[2,{\"b\":null}]],\"c\":{\"d\":1.50}}', 'first')");
        }
        try (OneTableToMongo pipeline = new OneTableToMongo(stack, db, prefix, "public\\.Bestellung.*" + run);
             MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(database);
            pipeline.startSink(database);
            try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
                sql.execute("INSERT INTO " + quoted + " VALUES ('Genève', 2, NULL, NULL, NULL, NULL, NULL)");
                sql.execute("INSERT INTO " + quoted + " VALUES ('Bern', 3, -0.0000000001, '1969-12-31 23:59:59.999999', "
                    + "'\\x', '[[], [\"x\", {\"y\": [true, false]}], 12345678901234567890]', 'to move')");
                sql.execute("UPDATE " + quoted + " SET note = 'updated', amount = 0 WHERE shop = 'Zürich'");
                sql.execute("UPDATE " + quoted + " SET no = 30 WHERE shop = 'Bern'"); // a key column changes
                sql.execute("INSERT INTO " + quoted + " VALUES ('Basel', 4, 1, '2000-01-01 00:00:00', '\\x01', '{}', 'gone')");
                sql.execute("DELETE FROM " + quoted + " WHERE shop = 'Basel'");
            }
            await("the collection equals the table").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    try (Connection c = db.open(stack)) {
                        assertThat(stored(target, table)).isEqualTo(expected(c, quoted));
                    }
                });
            pipeline.assertNothingDeadLettered();
        }
    }

    /** The table's rows by plain SQL, as the documents SPEC.md section 11 says they become, by composite _id. */
    private static Map<String, String> expected(Connection c, String quoted) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT shop, no, amount, at, payload, doc::text, note FROM " + quoted)) {
            while (rs.next()) {
                BsonDocument id = new BsonDocument("shop", new BsonString(rs.getString(1))).append("no", new BsonInt64(rs.getLong(2)));
                BsonDocument d = new BsonDocument("shop", id.get("shop")).append("no", id.get("no"));
                BigDecimal amount = rs.getBigDecimal(3);
                d.append("amount", amount == null ? BsonNull.VALUE : new BsonString(amount.setScale(10).toPlainString()));
                LocalDateTime at = rs.getObject(4, LocalDateTime.class);
                d.append("at", at == null ? BsonNull.VALUE : new BsonString(MICROS.format(at)));
                byte[] payload = rs.getBytes(5);
                d.append("payload", payload == null ? BsonNull.VALUE : new BsonBinary(payload));
                d.append("note", rs.getString(7) == null ? BsonNull.VALUE : new BsonString(rs.getString(7)));
                String doc = rs.getString(6);
                rows.put(id.toJson(), canonical(d) + " doc=" + (doc == null ? "null" : JSON.readTree(doc)));
            }
        }
        return rows;
    }

    /** The collection's documents, without the sink's _ddml, by _id, the json column as its JSON tree. */
    private static Map<String, String> stored(MongoDatabase target, String collection) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        for (BsonDocument d : target.getCollection(collection, BsonDocument.class).find()) {
            BsonDocument fields = d.clone();
            BsonValue id = fields.remove("_id");
            fields.remove("_ddml");
            BsonValue doc = fields.remove("doc");
            JsonNode tree = doc == null || doc.isNull() ? null
                : JSON.readTree(new BsonDocument("v", doc).toJson(RELAXED)).get("v");
            rows.put(id.asDocument().toJson(), canonical(fields) + " doc=" + tree);
        }
        return rows;
    }

    /** The fields in name order with their BSON types, so a string "1" and an int 1 differ. */
    private static String canonical(BsonDocument d) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(d).forEach((k, v) -> out.add(k + ":" + v.getBsonType() + "=" + (v.isBinary()
            ? java.util.HexFormat.of().formatHex(v.asBinary().getData()) + "/" + v.asBinary().getType() : v.toString())));
        return String.join(",", out);
    }
}
