package io.idaas.verify.mongodb;

import io.idaas.ddml.types.PortableType;
import io.idaas.verify.sql.Column;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Source values (as the JDBC drivers give them) against hand-made document fields. */
class MongoFieldsTest {

    private static Column column(String name, String type) {
        return new Column(name, type, PortableType.parse(type), false, true);
    }

    private static boolean same(Column c, Object jdbc, org.bson.BsonValue field) {
        return MongoFields.same(c, MongoFields.expected(c, jdbc), MongoFields.read(c, field, MongoFields.expectedBson(c, jdbc)));
    }

    @Test
    void valuesMatchTheirFieldsThroughThePortableType() {
        Column price = column("price", "decimal(10,2)");
        assertThat(same(price, new BigDecimal("12.50"), new BsonDecimal128(Decimal128.parse("12.50")))).isTrue();
        assertThat(same(price, new BigDecimal("12.50"), new BsonDecimal128(Decimal128.parse("12.5")))).as("scale").isFalse();
        assertThat(same(price, new BigDecimal("12.50"), new BsonDouble(12.5))).as("a double for a decimal").isFalse();
        assertThat(MongoFields.display(MongoFields.read(price, new BsonDouble(12.5)))).isEqualTo("double 12.5");

        Column at = column("at", "timestamp(6)");
        LocalDateTime t = LocalDateTime.parse("2025-03-14T09:26:53.589793");
        assertThat(same(at, t, new BsonString("2025-03-14T09:26:53.589793"))).isTrue();
        assertThat(same(at, t, new BsonString("2025-03-14T09:26:53.589000"))).isFalse();
        BsonDateTime date = new BsonDateTime(Instant.parse("2025-03-14T09:26:53.589Z").toEpochMilli());
        assertThat(same(at, t, date)).isFalse();
        assertThat(MongoFields.display(MongoFields.read(at, date, MongoFields.expectedBson(at, t))))
                .as("a BSON date for a timestamp(6): its type shown").isEqualTo("date_time 2025-03-14T09:26:53.589Z");

        Column ts = column("ts", "timestamptz(3)");
        assertThat(same(ts, OffsetDateTime.of(2025, 3, 14, 10, 26, 53, 589_000_000, ZoneOffset.ofHours(1)),
                new BsonDateTime(Instant.parse("2025-03-14T09:26:53.589Z").toEpochMilli()))).isTrue();

        Column doc = column("doc", "json");
        assertThat(same(doc, "{\"b\": [1, 2.50], \"a\": null}", BsonDocument.parse("{\"a\": null, \"b\": [1, 2.5]}")))
                .as("json by meaning: key order, 2.50 = 2.5").isTrue();
        assertThat(same(doc, "{\"a\": 1}", BsonDocument.parse("{\"a\": 2}"))).isFalse();

        Column note = column("note", "string(40)");
        assertThat(same(note, null, BsonNull.VALUE)).isTrue();
        assertThat(same(note, null, null)).as("NULL is a BSON null, not a missing field").isFalse();
        assertThat(same(note, "", BsonNull.VALUE)).isFalse();
        assertThat(MongoFields.display(MongoFields.read(note, null))).isEqualTo("no field");

        Column n = column("n", "int32");
        assertThat(same(n, 5, new BsonInt32(5))).isTrue();
        assertThat(same(n, 5, new BsonInt64(5))).as("an int64 for an int32 column").isFalse();
    }

    @Test
    void theIdIsTheKeyValueOrADocumentOfTheKeyColumns() {
        Column id = column("id", "int64");
        assertThat(MongoFields.id(List.of(id), List.of(7L))).isEqualTo(new BsonInt64(7));
        Column region = column("region", "string(10)");
        Column n = column("n", "int32");
        BsonDocument composite = BsonDocument.parse("{\"region\": \"eu\", \"n\": 1}");
        assertThat(MongoFields.id(List.of(region, n), List.of("eu", 1))).isEqualTo(composite);
        assertThat(MongoFields.idPart(List.of(region, n), composite, 1)).isEqualTo(new BsonInt32(1));
        assertThat(MongoFields.idPart(List.of(region, n), new BsonInt32(1), 0)).as("not a document").isNull();
    }
}
