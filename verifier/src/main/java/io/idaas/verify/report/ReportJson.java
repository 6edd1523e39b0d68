package io.idaas.verify.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** The JSON report ({@code --format json}); its shape is documented in verifier/README.md. */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String write(VerifyReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("equal", report.equal());
        root.put("mode", report.mode());
        root.put("source", report.source());
        root.put("target", report.target());
        root.put("started", report.started().toString());
        if (report.until() != null) {
            root.put("until", report.until().toString());
        }
        ArrayNode tables = root.putArray("tables");
        for (TableReport t : report.tables()) {
            ObjectNode n = tables.addObject();
            n.put("source_table", t.sourceTable());
            n.put("target_table", t.targetTable());
            n.put("equal", t.equal());
            putCount(n, "source_rows", t.sourceRows());
            putCount(n, "target_rows", t.targetRows());
            putCount(n, "keys_checked", t.keysChecked());
            n.put("missing", t.missing());
            n.put("extra", t.extra());
            n.put("different", t.different());
            strings(n.putArray("columns_only_in_source"), t.onlyInSource());
            strings(n.putArray("columns_only_in_target"), t.onlyInTarget());
            strings(n.putArray("java_compared_columns"), t.javaColumns());
            n.put("truncated", t.truncated());
            ArrayNode diffs = n.putArray("differences");
            for (RowDifference d : t.differences()) {
                ObjectNode dn = diffs.addObject();
                dn.put("kind", d.kind().wireName());
                map(dn.putObject("key"), d.key());
                if (!d.fields().isEmpty()) {
                    ArrayNode fields = dn.putArray("fields");
                    for (FieldDifference f : d.fields()) {
                        fields.addObject().put("column", f.column()).put("source", f.source()).put("target", f.target());
                    }
                }
            }
            ObjectNode stats = n.putObject("stats");
            stats.put("checksum_queries", t.checksumQueries());
            stats.put("rows_fetched", t.rowsFetched());
            stats.put("millis", t.millis());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putCount(ObjectNode n, String field, long value) {
        if (value >= 0) {
            n.put(field, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void map(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }
}
