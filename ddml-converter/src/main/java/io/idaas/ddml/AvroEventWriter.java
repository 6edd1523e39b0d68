package io.idaas.ddml;

import io.idaas.ddml.types.AvroValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes an event in Avro binary with the envelope schema {@link DdmlSchemas#avro()} ({@link #write}): field by field
 * in the schema's order, straight into an {@link AvroBinaryOutput}, the same bytes as Avro's {@code GenericDatumWriter}
 * gives for the event's record ({@link #event}, which readers of records and tests use). A table schema's bytes are
 * written once per schema and kept, since a table's events repeat it; a DDL change, rare, is written through its record.
 */
final class AvroEventWriter {

    private static final Schema EVENT = DdmlSchemas.avro();
    private static final Schema SOURCE = EVENT.getField("source").schema();
    private static final Schema POSITION = EVENT.getField("position").schema();
    private static final Schema TRANSACTION = branch(EVENT, "transaction");
    private static final Schema TIMING = EVENT.getField("time").schema();
    private static final Schema TABLE_SCHEMA = branch(EVENT, "schema");
    private static final Schema COLUMN = TABLE_SCHEMA.getField("columns").schema().getElementType();
    private static final Schema DML = branch(EVENT, "dml");
    private static final Schema OMITTED = branch(DML, "omitted");
    private static final Schema DDL = branch(EVENT, "ddl");
    private static final Schema TABLE_REF = branch(DDL, "renamed_from");
    private static final Schema MODIFIED = DDL.getField("modified").schema().getElementType();
    private static final Schema RENAMED = DDL.getField("renamed").schema().getElementType();
    static final Schema VALUE = branch(DML, "key").getValueType();
    private static final AvroValues VALUES = new AvroValues(VALUE);
    /** The bytes of table schemas written, by fingerprint, with the schema they are of (a hit must equal it). */
    private static final Map<String, Map.Entry<TableSchema, byte[]>> SCHEMA_BYTES = new ConcurrentHashMap<>();
    private static final int SCHEMAS_KEPT = 1024;
    private static final GenericDatumWriter<Object> TABLE_SCHEMA_WRITER = new GenericDatumWriter<>(TABLE_SCHEMA);
    private static final GenericDatumWriter<Object> DDL_WRITER = new GenericDatumWriter<>(DDL);

    private AvroEventWriter() {
    }

    /** The non-null branch of a nullable field. */
    static Schema branch(Schema record, String field) {
        return record.getField(field).schema().getTypes().get(1);
    }

    /** Writes the event as Avro binary of {@link DdmlSchemas#avro()}. */
    static void write(DdmlEvent e, AvroBinaryOutput out) {
        out.writeString(e.specVersion());
        out.writeString(e.id());
        out.writeString(e.kind().wireName());
        Source s = e.source();
        out.writeString(s.system());
        out.writeString(s.name());
        nullable(s.database(), out);
        nullable(s.schema(), out);
        out.writeString(s.table());
        out.writeString(e.position().sortable());
        NativeFieldOrder.write(NativeFields.of(e.position().nativeFields()), out);
        Transaction t = e.transaction();
        if (t == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(t.id());
            out.writeLong(t.order());
            nullable(t.tableOrder(), out);
            nullable(t.total(), out);
        }
        Timing time = e.time();
        nullable(time.commitUs(), out);
        out.writeLong(time.captureUs());
        out.writeLong(time.emitUs());
        if (e.schema() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeRaw(schemaBytes(e.schema()));
        }
        if (e.dml() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            dml(e.dml(), e.schema(), out);
        }
        if (e.ddl() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeRaw(generic(DDL_WRITER, ddl(e.ddl())));
        }
    }

    private static void dml(DmlChange d, TableSchema schema, AvroBinaryOutput out) {
        out.writeString(d.op().wireName());
        row(d.key(), schema, out);
        row(d.before(), schema, out);
        row(d.after(), schema, out);
        if (d.changed() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeBlockStart(d.changed().size());
            for (String c : d.changed()) {
                out.writeString(c);
            }
            out.writeBlockEnd();
        }
        Omitted omitted = d.omitted();
        if (omitted == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(omitted.reason());
            out.writeLong(omitted.bytes());
            out.writeLong(omitted.limit());
            nullable(omitted.detail(), out);
        }
    }

    /** A nullable map of Value records: the row's values in its order, each in its column's encoding. */
    private static void row(Row row, TableSchema schema, AvroBinaryOutput out) {
        if (row == null) {
            out.writeIndex(0);
            return;
        }
        out.writeIndex(1);
        out.writeBlockStart(row.size());
        if (row.values() instanceof ColumnValues values && values.columns() == schema.columns()) {
            List<Column> columns = schema.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (values.has(i)) {
                    out.writeString(columns.get(i).name());
                    AvroValueWriter.write(columns.get(i).type(), values.valueAt(i), out);
                }
            }
            out.writeBlockEnd();
            return;
        }
        ColumnCursor columns = new ColumnCursor(schema);
        for (Map.Entry<String, Object> v : row.values().entrySet()) {
            out.writeString(v.getKey());
            AvroValueWriter.write(columns.column(v.getKey()).type(), v.getValue(), out);
        }
        out.writeBlockEnd();
    }

    private static void nullable(String value, AvroBinaryOutput out) {
        if (value == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(value);
        }
    }

    private static void nullable(Long value, AvroBinaryOutput out) {
        if (value == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeLong(value);
        }
    }

    /** The Avro binary of a table schema's record, kept per schema. */
    private static byte[] schemaBytes(TableSchema s) {
        Map.Entry<TableSchema, byte[]> known = SCHEMA_BYTES.get(s.fingerprint());
        if (known != null && known.getKey() == s) {
            return known.getValue();
        }
        if (known != null && known.getKey().equals(s)) {
            SCHEMA_BYTES.put(s.fingerprint(), Map.entry(s, known.getValue())); // found by identity from now on
            return known.getValue();
        }
        byte[] bytes = generic(TABLE_SCHEMA_WRITER, schema(s));
        if (SCHEMA_BYTES.size() >= SCHEMAS_KEPT) {
            SCHEMA_BYTES.clear(); // more shapes than kept: start over rather than track recency
        }
        SCHEMA_BYTES.put(s.fingerprint(), Map.entry(s, bytes));
        return bytes;
    }

    /** A record as Avro's GenericDatumWriter writes it. */
    private static byte[] generic(GenericDatumWriter<Object> writer, GenericRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Builds the Avro record of an event (what {@link #write} writes). */
    static GenericRecord event(DdmlEvent e) {
        GenericData.Record r = new GenericData.Record(EVENT);
        r.put("spec_version", e.specVersion());
        r.put("id", e.id());
        r.put("kind", e.kind().wireName());
        r.put("source", source(e.source()));
        r.put("position", position(e.position()));
        r.put("transaction", e.transaction() == null ? null : transaction(e.transaction()));
        r.put("time", time(e.time()));
        r.put("schema", e.schema() == null ? null : schema(e.schema()));
        r.put("dml", e.dml() == null ? null : dml(e.dml(), e.schema()));
        r.put("ddl", e.ddl() == null ? null : ddl(e.ddl()));
        return r;
    }

    private static GenericRecord source(Source s) {
        GenericData.Record r = new GenericData.Record(SOURCE);
        r.put("system", s.system());
        r.put("name", s.name());
        r.put("database", s.database());
        r.put("schema", s.schema());
        r.put("table", s.table());
        return r;
    }

    private static GenericRecord position(Position p) {
        GenericData.Record r = new GenericData.Record(POSITION);
        r.put("sortable", p.sortable());
        r.put("native", new HashMap<>(p.nativeFields()));
        return r;
    }

    private static GenericRecord transaction(Transaction t) {
        GenericData.Record r = new GenericData.Record(TRANSACTION);
        r.put("id", t.id());
        r.put("order", t.order());
        r.put("table_order", t.tableOrder());
        r.put("total", t.total());
        return r;
    }

    private static GenericRecord time(Timing t) {
        GenericData.Record r = new GenericData.Record(TIMING);
        r.put("commit_us", t.commitUs());
        r.put("capture_us", t.captureUs());
        r.put("emit_us", t.emitUs());
        return r;
    }

    private static GenericRecord schema(TableSchema s) {
        GenericData.Record r = new GenericData.Record(TABLE_SCHEMA);
        r.put("fingerprint", s.fingerprint());
        r.put("columns", columns(s.columns()));
        r.put("primary_key", new ArrayList<>(s.primaryKey()));
        return r;
    }

    private static List<GenericRecord> columns(List<Column> columns) {
        List<GenericRecord> out = new ArrayList<>(columns.size());
        columns.forEach(c -> out.add(column(c)));
        return out;
    }

    private static GenericRecord column(Column c) {
        GenericData.Record r = new GenericData.Record(COLUMN);
        r.put("name", c.name());
        r.put("type", c.type().toString());
        r.put("native_type", c.nativeType());
        r.put("nullable", c.nullable());
        r.put("default_value", c.defaultValue());
        r.put("length", c.length());
        r.put("precision", c.precision());
        r.put("scale", c.scale());
        return r;
    }

    private static GenericRecord dml(DmlChange d, TableSchema schema) {
        GenericData.Record r = new GenericData.Record(DML);
        r.put("op", d.op().wireName());
        r.put("key", row(d.key(), schema));
        r.put("before", row(d.before(), schema));
        r.put("after", row(d.after(), schema));
        r.put("changed", d.changed() == null ? null : new ArrayList<>(d.changed()));
        if (d.omitted() != null) {
            GenericData.Record omitted = new GenericData.Record(OMITTED);
            omitted.put("reason", d.omitted().reason());
            omitted.put("bytes", d.omitted().bytes());
            omitted.put("limit", d.omitted().limit());
            omitted.put("detail", d.omitted().detail());
            r.put("omitted", omitted);
        }
        return r;
    }

    private static Map<String, GenericRecord> row(Row row, TableSchema schema) {
        if (row == null) {
            return null;
        }
        Map<String, GenericRecord> out = new LinkedHashMap<>();
        row.values().forEach((name, value) ->
            out.put(name, VALUES.toAvro(schema.column(name).orElseThrow().type(), value)));
        return out;
    }

    private static GenericRecord ddl(DdlChange d) {
        GenericData.Record r = new GenericData.Record(DDL);
        r.put("op", d.op().wireName());
        r.put("statement", d.statement());
        r.put("derived", d.derived());
        r.put("renamed_from", d.renamedFrom() == null ? null : tableRef(d.renamedFrom()));
        r.put("added", columns(d.added()));
        r.put("dropped", new ArrayList<>(d.dropped()));
        List<GenericRecord> modified = new ArrayList<>();
        for (ModifiedColumn m : d.modified()) {
            GenericData.Record mr = new GenericData.Record(MODIFIED);
            mr.put("before", column(m.before()));
            mr.put("after", column(m.after()));
            modified.add(mr);
        }
        r.put("modified", modified);
        List<GenericRecord> renamed = new ArrayList<>();
        for (RenamedColumn rc : d.renamed()) {
            GenericData.Record rr = new GenericData.Record(RENAMED);
            rr.put("from", rc.from());
            rr.put("to", rc.to());
            renamed.add(rr);
        }
        r.put("renamed", renamed);
        r.put("primary_key", d.primaryKey() == null ? null : new ArrayList<>(d.primaryKey()));
        return r;
    }

    private static GenericRecord tableRef(TableRef t) {
        GenericData.Record r = new GenericData.Record(TABLE_REF);
        r.put("database", t.database());
        r.put("schema", t.schema());
        r.put("table", t.table());
        return r;
    }
}
