package io.idaas.verify;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.ReportJson;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier against MongoDB copies written here by hand with the official driver, as the MongoDB layout
 * (ddml-converter SPEC.md §11, a document per row) has them, not through the sink: the local stack's mongo
 * (mongo-java-server), PostgreSQL and MariaDB. Every BSON value is written out literally, so the test does not take the
 * encoding from the code it checks.
 */
@ExtendWith(LocalStackExtension.class)
class MongoCopyVerifyTest {

    private static final UUID U = UUID.fromString("eccbc87e-4b5c-e2fe-2830-8fd9f2a7baf3");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String databaseName = "mv" + run;
    private MongoClient mongo;
    private MongoDatabase db;
    private String target;

    @BeforeEach
    void connect(LocalStack stack) {
        mongo = MongoClients.create(stack.mongo().connectionString());
        db = mongo.getDatabase(databaseName);
        target = stack.mongo().connectionString() + "/" + databaseName;
    }

    @AfterEach
    void close() {
        db.drop();
        mongo.close();
    }

    private static BsonDocument ddml() {
        return new BsonDocument("sortable", new BsonString("0000000001:00000000000000000100/2/0000000000"))
                .append("fingerprint", new BsonString("f1"));
    }

    /** Row 1 of the PostgreSQL table as the sink writes it: every column a field, of its BSON type. */
    private static BsonDocument row1() {
        return new BsonDocument("_id", new BsonInt64(1))
                .append("id", new BsonInt64(1))
                .append("name", new BsonString("Ada"))
                .append("note", org.bson.BsonNull.VALUE)
                .append("price", new BsonDecimal128(Decimal128.parse("12.50")))
                .append("data", new BsonBinary(BsonBinarySubType.BINARY, new byte[] {0x00, (byte) 0xFF, 0x10}))
                .append("at", new BsonString("2025-03-14T09:26:53.589793"))
                .append("ts", new BsonDateTime(Instant.parse("2025-03-14T08:26:53.589Z").toEpochMilli()))
                .append("flag", org.bson.BsonBoolean.TRUE)
                .append("f", new BsonDouble(1.5))
                .append("u", new BsonBinary(U))
                .append("doc", BsonDocument.parse("{\"b\": [1, 2.5, null], \"a\": \"x\"}"))
                .append("_ddml", ddml());
    }

    /** A plain row (2..9) as the sink writes it. */
    private static BsonDocument plain(long id, String name, String price) {
        return new BsonDocument("_id", new BsonInt64(id)).append("id", new BsonInt64(id)).append("name", new BsonString(name))
                .append("note", org.bson.BsonNull.VALUE).append("price", new BsonDecimal128(Decimal128.parse(price)))
                .append("data", org.bson.BsonNull.VALUE).append("at", org.bson.BsonNull.VALUE).append("ts", org.bson.BsonNull.VALUE)
                .append("flag", org.bson.BsonBoolean.FALSE).append("f", org.bson.BsonNull.VALUE).append("u", org.bson.BsonNull.VALUE)
                .append("doc", org.bson.BsonNull.VALUE).append("_ddml", ddml());
    }

    /** The PostgreSQL table and its collection: equal rows, and one of each kind of difference. */
    private String postgresTableAndCopy(JdbcServer pg) throws Exception {
        String table = "mv_" + run;
        try (Connection c = StackDatabases.connect(pg); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name varchar(40) NOT NULL, note varchar(40), "
                    + "price numeric(10,2) NOT NULL, data bytea, at timestamp(6), ts timestamptz(3), flag boolean NOT NULL, "
                    + "f double precision, u uuid, doc jsonb)");
            s.execute("INSERT INTO " + table + " VALUES "
                    + "(1, 'Ada', NULL, 12.50, '\\x00ff10', '2025-03-14 09:26:53.589793', '2025-03-14 09:26:53.589+01', true, 1.5, '"
                    + U + "', '{\"a\": \"x\", \"b\": [1, 2.50, null]}'),"
                    + "(2, 'Bob', NULL, 1.00, NULL, NULL, NULL, false, NULL, NULL, NULL),"
                    + "(3, 'Cy', NULL, 2.00, NULL, NULL, NULL, false, NULL, NULL, NULL),"
                    + "(4, 'Di', NULL, 12.50, NULL, NULL, NULL, false, NULL, NULL, NULL),"
                    + "(5, 'Ed', NULL, 4.00, NULL, '2025-03-14 09:26:53.589793', NULL, false, NULL, NULL, NULL),"
                    + "(6, 'Flo', NULL, 5.00, NULL, '2025-03-14 09:26:53.589793', NULL, false, NULL, NULL, NULL),"
                    + "(7, 'Gus', NULL, 6.00, NULL, NULL, NULL, false, NULL, NULL, NULL),"
                    + "(8, 'Hal', NULL, 7.00, NULL, NULL, NULL, false, NULL, NULL, NULL),"
                    + "(9, 'Ivy', NULL, 8.00, NULL, NULL, NULL, false, NULL, NULL, NULL)");
        }
        var collection = db.getCollection(table, BsonDocument.class);
        collection.insertOne(row1());
        // 2: missing
        collection.insertOne(plain(3, "Cyrus", "2.00"));                                                  // one changed field
        collection.insertOne(plain(4, "Di", "12.5"));                                                     // the decimal's scale lost
        collection.insertOne(plain(5, "Ed", "4.00").append("at", new BsonString("2025-03-14T09:26:53.589000"))); // micros cut
        collection.insertOne(plain(6, "Flo", "5.00").append("at",
                new BsonDateTime(Instant.parse("2025-03-14T09:26:53.589Z").toEpochMilli())));             // timestamp(6) as a date
        BsonDocument noNote = plain(7, "Gus", "6.00");
        noNote.remove("note");
        collection.insertOne(noNote);                                                                     // NULL as no field
        collection.insertOne(plain(8, "Hal", "7.00").append("zz", new BsonInt32(1)));                     // a field of no column
        collection.insertOne(plain(9, "Ivy", "8.00"));
        collection.insertOne(plain(99, "Zed", "1.00"));                                                   // extra
        // the sink's bookkeeping, in the same database: not a copy, never compared
        db.getCollection("_idaas_offsets").insertOne(new Document("_id", "c/t/0").append("offset", 10L));
        return table;
    }

    private VerifyConfig.Builder config(JdbcServer source, String table) {
        return VerifyConfig.builder().source(source.jdbcUrl(), source.user(), source.password())
                .target(target, null, null).table(table).recheck(1, Duration.ZERO);
    }

    @Test
    void reportsMissingExtraAndDifferentDocumentsWithTheFieldsThatDiffer(LocalStack stack) throws Exception {
        String table = postgresTableAndCopy(stack.postgres());
        VerifyReport report = new Verifier(config(stack.postgres(), table).build()).run();
        System.out.println(ReportText.write(report));
        TableReport t = report.tables().get(0);
        assertThat(t.targetTable()).isEqualTo(databaseName + "." + table);
        assertThat(keys(t, RowDifference.Kind.MISSING)).containsExactly("2");
        assertThat(keys(t, RowDifference.Kind.EXTRA)).containsExactly("99");
        Map<String, List<FieldDifference>> different = t.differences().stream()
                .filter(d -> d.kind() == RowDifference.Kind.DIFFERENT)
                .collect(Collectors.toMap(d -> d.key().get("id"), RowDifference::fields));
        assertThat(different).containsOnlyKeys("3", "4", "5", "6", "7", "8");
        assertThat(different.get("3")).containsExactly(new FieldDifference("name", "Cy", "Cyrus"));
        assertThat(different.get("4")).as("Decimal128 12.5 for numeric(10,2) 12.50")
                .containsExactly(new FieldDifference("price", "12.50", "12.5"));
        assertThat(different.get("5")).as("timestamp(6) without its microseconds")
                .containsExactly(new FieldDifference("at", "2025-03-14T09:26:53.589793", "2025-03-14T09:26:53.589000"));
        assertThat(different.get("6")).as("timestamp(6) written as a BSON date: the microseconds are gone")
                .containsExactly(new FieldDifference("at", "2025-03-14T09:26:53.589793", "date_time 2025-03-14T09:26:53.589Z"));
        assertThat(different.get("7")).as("SQL NULL is a BSON null, not a missing field")
                .containsExactly(new FieldDifference("note", null, "no field"));
        assertThat(different.get("8")).containsExactly(new FieldDifference("zz", null, "int32 1"));
        assertThat(t.sourceRows()).isEqualTo(9);
        assertThat(t.targetRows()).isEqualTo(9 - 1 + 1);
        assertThat(report.equal()).isFalse();
        assertThat(ReportJson.write(report)).contains("\"target\" : \"12.5\"");
    }

    @Test
    void countsDocumentsAgainstRows(LocalStack stack) throws Exception {
        String table = postgresTableAndCopy(stack.postgres());
        TableReport t = new Verifier(config(stack.postgres(), table).mode(Mode.COUNT).build()).run().tables().get(0);
        assertThat(t.sourceRows()).isEqualTo(9);
        assertThat(t.targetRows()).isEqualTo(9);
        assertThat(t.equal()).as("counts alone match: 2 is missing, 99 extra").isTrue();
        db.getCollection(table).deleteOne(Filters.eq("_id", 99L));
        assertThat(new Verifier(config(stack.postgres(), table).mode(Mode.COUNT).build()).run().equal()).isFalse();
    }

    @Test
    void anEqualCopyIsEqualInEveryModeAndOneChangedFieldIsFound(LocalStack stack) throws Exception {
        String table = postgresTableAndCopy(stack.postgres());
        var collection = db.getCollection(table, BsonDocument.class);
        collection.insertOne(plain(2, "Bob", "1.00"));
        collection.deleteOne(Filters.eq("_id", 99L));
        collection.updateOne(Filters.eq("_id", 3L), Updates.set("name", "Cy"));
        // replaced whole: mongo-java-server's $set leaves a field alone when the new value is numerically equal (12.5 and
        // 12.50, int32 5 and int64 5), whatever its BSON type or scale
        collection.replaceOne(Filters.eq("_id", 4L), plain(4, "Di", "12.50"));
        collection.updateOne(Filters.eq("_id", 5L), Updates.set("at", "2025-03-14T09:26:53.589793"));
        collection.updateOne(Filters.eq("_id", 6L), Updates.set("at", "2025-03-14T09:26:53.589793"));
        collection.updateOne(Filters.eq("_id", 7L), Updates.set("note", null));
        collection.updateOne(Filters.eq("_id", 8L), Updates.unset("zz"));
        for (Mode mode : Mode.values()) {
            VerifyReport report = new Verifier(config(stack.postgres(), table).mode(mode).build()).run();
            assertThat(report.equal()).as(mode + ": " + ReportText.write(report)).isTrue();
        }
        collection.updateOne(Filters.eq("_id", 1L), Updates.set("f", 1.25));
        VerifyReport changed = new Verifier(config(stack.postgres(), table).build()).run();
        assertThat(changed.tables().get(0).differences()).singleElement().satisfies(d -> {
            assertThat(d.key()).containsExactly(Map.entry("id", "1"));
            assertThat(d.fields()).containsExactly(new FieldDifference("f", "1.5", "1.25"));
        });
    }

    @Test
    void rowsFixedBeforeTheRecheckAreNotReported(LocalStack stack) throws Exception {
        String table = postgresTableAndCopy(stack.postgres());
        var collection = db.getCollection(table, BsonDocument.class);
        VerifyReport report = new Verifier(config(stack.postgres(), table).mode(Mode.ROW).build())
                .progress((t, phase, done, total, rows) -> {
                    if (phase.equals("recheck")) { // the copy catches up between the first read and the recheck
                        collection.insertOne(plain(2, "Bob", "1.00"));
                        collection.deleteOne(Filters.eq("_id", 99L));
                        collection.updateOne(Filters.eq("_id", 3L), Updates.set("name", "Cy"));
                    }
                }).run();
        TableReport t = report.tables().get(0);
        assertThat(t.missing()).isZero();
        assertThat(t.extra()).isZero();
        assertThat(keys(t, RowDifference.Kind.DIFFERENT)).containsExactlyInAnyOrder("4", "5", "6", "7", "8");
    }

    @Test
    void aCompositeKeyIsAnIdDocumentAndANamedCollectionIsFound(LocalStack stack) throws Exception {
        String table = "mc_" + run;
        try (Connection c = StackDatabases.connect(stack.mariadb()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (region VARCHAR(10), n INT, qty INT NULL, at DATETIME(3) NULL, PRIMARY KEY (region, n))");
            s.execute("INSERT INTO " + table + " VALUES ('eu', 1, 5, '2025-01-02 03:04:05.678'), ('us', 2, NULL, NULL)");
        }
        String collectionName = "copy of " + table;
        var collection = db.getCollection(collectionName, BsonDocument.class);
        collection.insertOne(BsonDocument.parse("{\"_id\": {\"region\": \"eu\", \"n\": 1}, \"region\": \"eu\", \"n\": 1, \"qty\": 5, "
                + "\"at\": {\"$date\": \"2025-01-02T03:04:05.678Z\"}}"));
        collection.insertOne(BsonDocument.parse("{\"_id\": {\"region\": \"us\", \"n\": 2}, \"region\": \"us\", \"n\": 2, \"qty\": null, \"at\": null}"));
        VerifyReport equal = new Verifier(config(stack.mariadb(), table + "=" + collectionName).build()).run();
        assertThat(equal.equal()).as(ReportText.write(equal)).isTrue();

        collection.insertOne(BsonDocument.parse("{\"_id\": {\"region\": \"eu\", \"n\": 3}, \"region\": \"eu\", \"n\": 3, \"qty\": 1, \"at\": null}"));
        collection.replaceOne(Filters.eq("_id", new Document("region", "eu").append("n", 1)), BsonDocument.parse(
                "{\"_id\": {\"region\": \"eu\", \"n\": 1}, \"region\": \"eu\", \"n\": 1, \"qty\": {\"$numberLong\": \"5\"}, "
                + "\"at\": {\"$date\": \"2025-01-02T03:04:05.678Z\"}}"));
        TableReport t = new Verifier(config(stack.mariadb(), table + "=" + collectionName).build()).run().tables().get(0);
        assertThat(keys(t, RowDifference.Kind.EXTRA)).containsExactly("eu,3");
        assertThat(t.differences()).filteredOn(d -> d.kind() == RowDifference.Kind.DIFFERENT).singleElement()
                .satisfies(d -> assertThat(d.fields()).containsExactly(new FieldDifference("qty", "5", "int64 5")));
    }

    @Test
    void badUseIsRefusedWithTheFix(LocalStack stack) throws Exception {
        JdbcServer pg = stack.postgres();
        assertThatThrownBy(() -> VerifyConfig.builder().source(pg.jdbcUrl(), pg.user(), pg.password()).target(target, null, null)
                .table("t").bootstrapServers("x:1").changesTopic("t", "topic").build())
                .hasMessageContaining("verify a MongoDB target whole");
        assertThatThrownBy(() -> VerifyConfig.builder().source(target, null, null).target(target, null, null).table("t").build())
                .hasMessageContaining("the source must be a database");
        String noDatabase = stack.mongo().connectionString();
        assertThatThrownBy(() -> new Verifier(VerifyConfig.builder().source(pg.jdbcUrl(), pg.user(), pg.password())
                .target(noDatabase, null, null).table("t").build()).run())
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> new Verifier(config(pg, "t=_idaas_offsets").build()).run())
                .hasMessageContaining("bookkeeping");
        assertThat(new VerifyConfig.Database("mongodb://u:secret@h:1/db", null, null).displayUrl()).isEqualTo("mongodb://u:***@h:1/db");
    }

    private static List<String> keys(TableReport t, RowDifference.Kind kind) {
        return t.differences().stream().filter(d -> d.kind() == kind).map(d -> String.join(",", d.key().values())).toList();
    }
}
