package io.idaas.transforms.ddml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Test data: Debezium 3.x schema-change events of the MySQL and MariaDB connectors, on the topic named
 * topic.prefix: {@code source}, {@code ts_ms}, {@code databaseName}, {@code schemaName}, {@code ddl},
 * {@code tableChanges[] {type, id, table {defaultCharsetName, primaryKeyColumnNames, columns[], comment}}}.
 */
final class SchemaChangeRecords {

    static final Schema COLUMN = SchemaBuilder.struct().name("io.debezium.connector.schema.Column")
        .field("name", Schema.STRING_SCHEMA).field("jdbcType", Schema.INT32_SCHEMA).field("nativeType", Schema.OPTIONAL_INT32_SCHEMA)
        .field("typeName", Schema.STRING_SCHEMA).field("typeExpression", Schema.OPTIONAL_STRING_SCHEMA)
        .field("charsetName", Schema.OPTIONAL_STRING_SCHEMA).field("length", Schema.OPTIONAL_INT32_SCHEMA)
        .field("scale", Schema.OPTIONAL_INT32_SCHEMA).field("position", Schema.INT32_SCHEMA)
        .field("optional", Schema.OPTIONAL_BOOLEAN_SCHEMA).field("autoIncremented", Schema.OPTIONAL_BOOLEAN_SCHEMA)
        .field("generated", Schema.OPTIONAL_BOOLEAN_SCHEMA).field("comment", Schema.OPTIONAL_STRING_SCHEMA)
        .field("defaultValueExpression", Schema.OPTIONAL_STRING_SCHEMA)
        .field("enumValues", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build()).build();
    static final Schema TABLE = SchemaBuilder.struct().optional().name("io.debezium.connector.schema.Table")
        .field("defaultCharsetName", Schema.OPTIONAL_STRING_SCHEMA)
        .field("primaryKeyColumnNames", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
        .field("columns", SchemaBuilder.array(COLUMN).build()).field("comment", Schema.OPTIONAL_STRING_SCHEMA).build();
    static final Schema CHANGE = SchemaBuilder.struct().name("io.debezium.connector.schema.Change")
        .field("type", Schema.STRING_SCHEMA).field("id", Schema.STRING_SCHEMA).field("table", TABLE).build();

    private final String connector;
    private final String server;
    private final List<Struct> columns = new ArrayList<>();
    private String file = "mariadb-bin.000004";
    private long pos = 1024;
    private String gtid = "0-1-58";
    private String snapshot = "false";

    private SchemaChangeRecords(String connector, String server) {
        this.connector = connector;
        this.server = server;
    }

    static SchemaChangeRecords mariadb() {
        return new SchemaChangeRecords("mariadb", "mariadb-main");
    }

    static SchemaChangeRecords mysql() {
        return new SchemaChangeRecords("mysql", "mysql-main");
    }

    SchemaChangeRecords at(String binlogFile, long position, String gtidValue, String snapshotValue) {
        this.file = binlogFile;
        this.pos = position;
        this.gtid = gtidValue;
        this.snapshot = snapshotValue;
        return this;
    }

    /** A column struct as Debezium serializes it. */
    static Struct column(String name, String typeName, Integer length, Integer scale, int position, boolean optional,
                         String defaultValue, String... enumValues) {
        return new Struct(COLUMN).put("name", name).put("jdbcType", 12).put("typeName", typeName).put("length", length)
            .put("scale", scale).put("position", position).put("optional", optional).put("autoIncremented", false)
            .put("generated", false).put("defaultValueExpression", defaultValue)
            .put("enumValues", enumValues.length == 0 ? null : List.of(enumValues));
    }

    /** A table change: type CREATE, ALTER or DROP. */
    static Struct change(String type, String db, String table, List<String> pk, Struct... cols) {
        Struct t = new Struct(TABLE).put("defaultCharsetName", "utf8mb4").put("primaryKeyColumnNames", pk).put("columns", List.of(cols));
        return new Struct(CHANGE).put("type", type).put("id", quoted(db) + "." + quoted(table)).put("table", t);
    }

    /** A name as Debezium's TableId.toDoubleQuotedString() writes it: in double quotes, quotes inside doubled. */
    static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The schema-change record of {@code ddl} with its table changes. */
    SourceRecord record(String database, String ddl, Struct... changes) {
        Schema source = SchemaBuilder.struct().name("io.debezium.connector." + connector + ".Source")
            .field("version", Schema.STRING_SCHEMA).field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA).field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("server_id", Schema.INT64_SCHEMA).field("gtid", Schema.OPTIONAL_STRING_SCHEMA).field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA).field("thread", Schema.OPTIONAL_INT64_SCHEMA)
            .field("query", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema value = SchemaBuilder.struct().name("io.debezium.connector." + connector + ".SchemaChangeValue")
            .field("source", source).field("ts_ms", Schema.INT64_SCHEMA).field("databaseName", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schemaName", Schema.OPTIONAL_STRING_SCHEMA).field("ddl", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tableChanges", SchemaBuilder.array(CHANGE).build()).build();
        Schema key = SchemaBuilder.struct().name("io.debezium.connector." + connector + ".SchemaChangeKey")
            .field("databaseName", Schema.STRING_SCHEMA).build();
        Struct src = new Struct(source).put("version", "3.5.0.Final").put("connector", connector).put("name", server)
            .put("ts_ms", 1_741_950_100_000L).put("snapshot", snapshot).put("db", database).put("ts_us", 1_741_950_100_000_000L)
            .put("server_id", 1L).put("gtid", gtid).put("file", file).put("pos", pos).put("row", 0);
        Struct v = new Struct(value).put("source", src).put("ts_ms", 1_741_950_100_002L).put("databaseName", database)
            .put("ddl", ddl).put("tableChanges", List.of(changes));
        return new SourceRecord(Map.of("server", server), Map.of("pos", pos), server, 0, key,
            new Struct(key).put("databaseName", database), value, v);
    }
}
