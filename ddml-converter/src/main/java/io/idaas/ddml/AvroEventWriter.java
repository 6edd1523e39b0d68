package io.idaas.ddml;

import io.idaas.ddml.types.AvroValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds the Avro record of an event. */
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

    private AvroEventWriter() {
    }

    /** The non-null branch of a nullable field. */
    static Schema branch(Schema record, String field) {
        return record.getField(field).schema().getTypes().get(1);
    }

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
