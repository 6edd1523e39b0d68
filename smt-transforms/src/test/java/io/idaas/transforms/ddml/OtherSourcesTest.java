package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.DebeziumRecords.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Oracle, SQL Server and MongoDB events, shaped as Debezium's documentation shows them. */
class OtherSourcesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ToDdml<SourceRecord> toDdml = Ddml.transform();

    @Test
    void oracle() throws Exception {
        DebeziumRecords customers = DebeziumRecords.oracle("CUSTOMERS")
            .column("ID", typed(SchemaBuilder.int32(), "NUMBER", 9, 0))
            .column("FIRST_NAME", typed(SchemaBuilder.string(), "VARCHAR2", 255, null))
            .column("BALANCE", typed(Decimal.builder(2).optional(), "NUMBER", 10, 2))
            .column("SCORE", typed(SchemaBuilder.struct().optional().name("io.debezium.data.VariableScaleDecimal")
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA), "NUMBER", 0, -127))
            .column("BORN", typed(SchemaBuilder.int64().optional().name("io.debezium.time.Timestamp"), "DATE", 7, null))
            .column("SEEN", typed(SchemaBuilder.int64().optional().name("io.debezium.time.MicroTimestamp"), "TIMESTAMP(6)", 11, 6))
            .column("SEEN_TZ", typed(SchemaBuilder.string().optional().name("io.debezium.time.ZonedTimestamp"), "TIMESTAMP(6) WITH TIME ZONE", 13, 6))
            .column("RATIO", typed(SchemaBuilder.float32().optional(), "BINARY_FLOAT", 4, null))
            .column("TOKEN", typed(SchemaBuilder.bytes().optional(), "RAW", 16, null))
            .key("ID")
            .transaction("0a001b00c1020000", 3, 1);
        Struct score = new Struct(customers.schemaOf("SCORE")).put("scale", 40).put("value", new BigInteger("-1" + "0".repeat(39) + "1").toByteArray());
        SourceRecord out = toDdml.apply(customers.insert(1001, "Sally", new BigDecimal("-12345678.90"), score,
            -86_400_000L, 1_741_944_413_589_793L, "2025-03-14T09:26:53.589793-08:00", 0.5f, new byte[16]));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.id()).isEqualTo("ora/00000000000002868547:00000000000002868546/2/0000000000");
        assertThat(e.source()).satisfies(s -> {
            assertThat(s.system()).isEqualTo("oracle");
            assertThat(s.database()).isEqualTo("ORCLPDB1");
            assertThat(s.schema()).isEqualTo("DEBEZIUM");
        });
        assertThat(e.position().nativeFields()).containsEntry("scn", "2868546").containsEntry("commit_scn", "2868547")
            .containsEntry("rs_id", "0x00000e.0000081c.0010").containsEntry("ssn", "0");
        assertThat(e.transaction().id()).isEqualTo("0a001b00c1020000");
        assertThat(e.schema().columns()).extracting(c -> c.type() + " " + c.nativeType()).containsExactly(
            "int32 NUMBER(9,0)", "string(255) VARCHAR2(255)", "decimal(10,2) NUMBER(10,2)", "decimal NUMBER", "timestamp(0) DATE",
            "timestamp(6) TIMESTAMP(6)", "timestamptz(6) TIMESTAMP(6) WITH TIME ZONE", "float32 BINARY_FLOAT", "bytes(16) RAW(16)");
        assertThat(Ddml.tree(out).get("dml").get("after")).isEqualTo(MAPPER.readTree("""
            {"ID": 1001, "FIRST_NAME": "Sally", "BALANCE": "-12345678.90", "SCORE": "-1.0000000000000000000000000000000000000001",
             "BORN": "1969-12-31T00:00:00.000000", "SEEN": "2025-03-14T09:26:53.589793", "SEEN_TZ": "2025-03-14T17:26:53.589793Z",
             "RATIO": 0.5, "TOKEN": "AAAAAAAAAAAAAAAAAAAAAA=="}"""));
    }

    @Test
    void sqlServer() throws Exception {
        DebeziumRecords customers = DebeziumRecords.sqlServer("customers")
            .column("id", typed(SchemaBuilder.int32(), "int", 10, 0))
            .column("first_name", typed(SchemaBuilder.string(), "varchar", 255, null))
            .column("notes", typed(SchemaBuilder.string().optional(), "nvarchar", Integer.MAX_VALUE, null))
            .column("created", typed(SchemaBuilder.int64().optional().name("io.debezium.time.NanoTimestamp"), "datetime2", 27, 7))
            .column("changed", typed(SchemaBuilder.string().optional().name("io.debezium.time.ZonedTimestamp"), "datetimeoffset", 34, 7))
            .column("price", typed(Decimal.builder(4).optional(), "money", 19, 4))
            .column("guid", typed(SchemaBuilder.string().optional(), "uniqueidentifier", 36, null))
            .column("active", typed(SchemaBuilder.bool().optional(), "bit", 1, null))
            .column("small", typed(SchemaBuilder.int16().optional(), "tinyint", 3, 0))
            .key("id");
        SourceRecord out = toDdml.apply(customers.update(
            new Object[] {1001, "Sally", null, 0L, null, null, null, false, (short) 0},
            new Object[] {1001, "Sally", "Ünïcødé 😀", 1_741_944_413_589_793_123L, "2025-03-14T10:26:53.5897931+01:00",
                new BigDecimal("922337203685477.5807"), "3F2504E0-4F89-11D3-9A0C-0305E82C3301", true, (short) 255}));

        DdmlEvent e = Ddml.event(out);
        assertThat(e.id()).isEqualTo("mssql/00000027000007580005:00000027000007580003/2/0000000000");
        assertThat(e.position().nativeFields()).containsEntry("event_serial_no", "1").containsEntry("change_lsn", "00000027:00000758:0003");
        assertThat(e.source().schema()).isEqualTo("dbo");
        assertThat(e.dml().op()).isEqualTo(DmlOp.UPDATE);
        assertThat(e.dml().changed()).containsExactly("notes", "created", "changed", "price", "guid", "active", "small");
        assertThat(e.schema().columns()).extracting(c -> c.type() + " " + c.nativeType()).containsExactly(
            "int32 int", "string(255) varchar(255)", "string nvarchar(max)", "timestamp(6) datetime2(7)",
            "timestamptz(6) datetimeoffset(7)", "decimal(19,4) money", "uuid uniqueidentifier", "boolean bit", "int16 tinyint");
        assertThat(Ddml.tree(out).get("dml").get("after")).isEqualTo(MAPPER.readTree("""
            {"id": 1001, "first_name": "Sally", "notes": "Ünïcødé 😀", "created": "2025-03-14T09:26:53.589793",
             "changed": "2025-03-14T09:26:53.589793Z", "price": "922337203685477.5807",
             "guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "active": true, "small": 255}"""));
    }

    @Test
    void mongoInsertUpdateDeleteAndTombstone() throws Exception {
        DebeziumRecords customers = DebeziumRecords.mongo("customers");
        SourceRecord insert = toDdml.apply(customers.mongo("c", "{\"$numberLong\": \"1004\"}", null, """
            {"_id": {"$numberLong": "1004"}, "first_name": "Anne", "last_name": "Kretchmar", "email": "annek@noanswer.org",
             "joined": {"$date": "2019-05-27T13:58:28.000Z"}, "credit": {"$numberDecimal": "1234567890123456789012345678901.234"},
             "ref": {"$oid": "5d1e1ef0dd4e4d3f4a27e8ba"}, "address": {"city": "Zürich"}, "tags": ["a", 1],
             "vip": true, "score": 9.5, "badge": {"$binary": {"base64": "PyUE4E+JEdOaDAMF6CwzAQ==", "subType": "04"}}}"""));

        DdmlEvent e = Ddml.event(insert);
        assertThat(e.id()).isEqualTo("mongo/1558965508:0000000031/2/0000000000");
        assertThat(e.source().table()).isEqualTo("customers");
        assertThat(e.source().database()).isEqualTo("inventory");
        assertThat(e.schema().primaryKey()).containsExactly("_id");
        assertThat(e.schema().columns()).extracting(c -> c.name() + " " + c.type() + " " + c.nativeType()).containsExactly(
            "_id int64 long", "first_name string string", "last_name string string", "email string string",
            "joined timestamptz(3) date", "credit decimal decimal", "ref string(24) objectId", "address json object",
            "tags json array", "vip boolean bool", "score float64 double", "badge uuid uuid");
        assertThat(e.schema().column("_id").map(Column::nullable)).contains(false);
        assertThat(Ddml.tree(insert).get("dml").get("after")).isEqualTo(MAPPER.readTree("""
            {"_id": 1004, "first_name": "Anne", "last_name": "Kretchmar", "email": "annek@noanswer.org",
             "joined": "2019-05-27T13:58:28.000000Z", "credit": "1234567890123456789012345678901.234",
             "ref": "5d1e1ef0dd4e4d3f4a27e8ba", "address": "{\\"city\\":\\"Zürich\\"}", "tags": "[\\"a\\",1]",
             "vip": true, "score": 9.5, "badge": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}"""));
        assertThat(Ddml.keyJson(insert)).isEqualTo("{\"_id\":1004}");

        SourceRecord fullUpdate = toDdml.apply(customers.mongo("u", "{\"$numberLong\": \"1004\"}",
            "{\"_id\": {\"$numberLong\": \"1004\"}, \"first_name\": \"Anne\"}", "{\"_id\": {\"$numberLong\": \"1004\"}, \"first_name\": \"Anne Marie\"}"));
        assertThat(Ddml.event(fullUpdate).dml().changed()).containsExactly("first_name");

        SourceRecord delete = toDdml.apply(customers.mongo("d", "{\"$numberLong\": \"1004\"}", null, null));
        DdmlEvent d = Ddml.event(delete);
        assertThat(d.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(d.dml().key().get("_id")).isEqualTo(1004L);

        SourceRecord tombstoneIn = new SourceRecord(delete.sourcePartition(), delete.sourceOffset(), customers.topic(), 0,
            customers.mongo("d", "{\"$numberLong\": \"1004\"}", null, null).keySchema(),
            customers.mongo("d", "{\"$numberLong\": \"1004\"}", null, null).key(), null, null);
        assertThat(Ddml.keyJson(toDdml.apply(tombstoneIn))).isEqualTo("{\"_id\":1004}");
    }

    @Test
    void mongoUpdateFromTheUpdateDescription() {
        DebeziumRecords customers = DebeziumRecords.mongo("customers");
        SourceRecord in = customers.mongo("u", "{\"$oid\": \"5d1e1ef0dd4e4d3f4a27e8ba\"}", null, null);
        Struct v = (Struct) in.value();
        Schema udSchema = v.schema().field("updateDescription").schema();
        v.put("updateDescription", new Struct(udSchema).put("removedFields", java.util.List.of("nickname"))
            .put("updatedFields", "{\"first_name\": \"Anne Marie\"}"));

        DdmlEvent e = Ddml.event(toDdml.apply(in));
        assertThat(e.dml().before()).isNull();
        assertThat(e.dml().after().values()).containsEntry("_id", "5d1e1ef0dd4e4d3f4a27e8ba")
            .containsEntry("first_name", "Anne Marie").containsEntry("nickname", null);
        assertThat(e.dml().key().get("_id")).isEqualTo("5d1e1ef0dd4e4d3f4a27e8ba");
    }
}
