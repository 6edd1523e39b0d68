package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.Mode;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.VerifyReport;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MariaDB geometries into MongoDB through the shipped {@code mariadb-to-mongodb} config: every geometry type, a column
 * with an SRID, NULL and an empty geometry. Judged against MariaDB's own {@code ST_AsGeoJSON} (numbers compared as
 * doubles), an empty geometry (whose GeoJSON MariaDB cannot write) against its {@code ST_AsWKB} bytes kept as binary,
 * then by the verifier in every mode.
 */
@ExtendWith(LocalStackExtension.class)
class MongoGeometryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The WKB of {@code GEOMETRYCOLLECTION EMPTY}, little-endian: type 7, no geometries. */
    private static final String EMPTY_COLLECTION = "010700000000000000";
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    @Test
    void geometriesAreGeoJsonObjectsEqualToMariaDbsOwnAndTheVerifierFindsTheCopyEqual(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "places_" + run;
        String prefix = "geomongo_" + run;
        String database = "geo_" + run;
        SourceDatabase db = SourceDatabase.MARIADB;
        try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, shape GEOMETRY, spot POINT REF_SYSTEM_ID=4326)");
            sql.execute("INSERT INTO " + table + " VALUES (1, ST_GeomFromText('POINT(13.404954 52.520008)'), "
                + "ST_GeomFromText('POINT(8.5417 47.3769)', 4326))");
        }
        try (OneTableToMongo pipeline = new OneTableToMongo(stack, db, prefix, db.qualified(stack, table));
             MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(database);
            pipeline.startSink(database);
            try (Connection c = db.open(stack); Statement sql = c.createStatement()) {
                sql.execute("INSERT INTO " + table + " VALUES (2, ST_GeomFromText('LINESTRING(0 0, 1.5 1, -2 0.25)'), NULL)");
                sql.execute("INSERT INTO " + table + " VALUES (3, ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), "
                    + "(1 1, 2 1, 2 2, 1 1))'), ST_GeomFromText('POINT(-0.1276 51.5072)', 4326))");
                sql.execute("INSERT INTO " + table + " VALUES (4, ST_GeomFromText('MULTIPOINT(1 2, 3 4)'), NULL)");
                sql.execute("INSERT INTO " + table + " VALUES (5, ST_GeomFromText('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))'), NULL)");
                sql.execute("INSERT INTO " + table + " VALUES (6, ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), "
                    + "((5 5, 6 5, 6 6, 5 5)))'), NULL)");
                sql.execute("INSERT INTO " + table + " VALUES (7, ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), "
                    + "LINESTRING(0 0, 2 2))'), NULL)");
                sql.execute("INSERT INTO " + table + " VALUES (8, ST_GeomFromText('GEOMETRYCOLLECTION EMPTY'), NULL)");
                sql.execute("INSERT INTO " + table + " VALUES (9, NULL, NULL)");
                sql.execute("UPDATE " + table + " SET shape = ST_GeomFromText('POINT(-1e-7 1e300)') WHERE id = 9");
                sql.execute("INSERT INTO " + table + " VALUES (10, ST_GeomFromText('POINT(1 1)'), NULL)");
                sql.execute("DELETE FROM " + table + " WHERE id = 10");
            }
            await("the collection equals the table").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    try (Connection c = db.open(stack)) {
                        assertThat(stored(target, table)).isEqualTo(expected(c, table));
                    }
                });
            assertThat(target.getCollection(table, BsonDocument.class).find(new BsonDocument("_id",
                new org.bson.BsonInt32(3))).first().getDocument("shape").getString("type").getValue())
                .as("a polygon is a GeoJSON object").isEqualTo("Polygon");
            for (Mode mode : Mode.values()) {
                VerifyReport report = new Verifier(VerifyConfig.builder()
                    .source(db.server(stack).jdbcUrl(), db.server(stack).user(), db.server(stack).password())
                    .target(stack.mongo().connectionString() + "/" + database, null, null)
                    .table(db.server(stack).database() + "." + table).mode(mode).build()).run();
                assertThat(report.equal()).as(mode + ": " + ReportText.write(report)).isTrue();
            }
            pipeline.assertNothingDeadLettered();
        }
    }

    /** Per id, each geometry column as MariaDB's ST_AsGeoJSON (numbers as doubles), or the WKB's hex when it is empty. */
    private static Map<Integer, String> expected(Connection c, String table) throws Exception {
        Map<Integer, String> rows = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, "
            + "HEX(ST_AsWKB(shape)), ST_AsGeoJSON(shape), ST_AsGeoJSON(spot) FROM " + table)) {
            while (rs.next()) {
                // MariaDB's ST_IsEmpty is always 0 and its ST_AsGeoJSON of an empty collection is no JSON: known by the WKB
                String shape = EMPTY_COLLECTION.equals(rs.getString(2)) ? "wkb:" + rs.getString(2) : geometry(rs.getString(3));
                rows.put(rs.getInt(1), "shape=" + shape + " spot=" + geometry(rs.getString(4)));
            }
        }
        return rows;
    }

    private static String geometry(String text) throws Exception {
        if (text == null) {
            return "null";
        }
        try {
            return doubles(JSON.readTree(text)).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError("MariaDB's ST_AsGeoJSON gave no JSON: " + text, e);
        }
    }

    /** The documents by _id, each geometry field as its GeoJSON (numbers as doubles), or binary as the WKB's hex. */
    private static Map<Integer, String> stored(MongoDatabase target, String collection) throws Exception {
        Map<Integer, String> rows = new TreeMap<>();
        for (BsonDocument d : target.getCollection(collection, BsonDocument.class).find()) {
            rows.put(d.getInt32("_id").getValue(), "shape=" + field(d.get("shape")) + " spot=" + field(d.get("spot")));
        }
        return rows;
    }

    private static String field(BsonValue v) throws Exception {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isBinary()) {
            return "wkb:" + HexFormat.of().withUpperCase().formatHex(v.asBinary().getData());
        }
        return doubles(JSON.readTree(v.asDocument().toJson(RELAXED))).toString();
    }

    /** The tree with every number a double, so MariaDB's {@code 1} and BSON's {@code 1.0} compare equal. */
    private static JsonNode doubles(JsonNode node) {
        if (node.isNumber()) {
            return JsonNodeFactory.instance.numberNode(node.doubleValue());
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(doubles(n)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), doubles(e.getValue())));
            return out;
        }
        return node;
    }
}
