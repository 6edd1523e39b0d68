package io.idaas.connect.mongodb;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@value MongoSinkConfig#MERGE_ARRAYS}: a child table whose rows are kept as elements of an array inside
 * its parent's document, written as {@code <child table>:<parent collection>:<array field>:<key>}, where {@code <key>}
 * names the child columns that hold the parent document's {@code _id}: one column ({@code order_id}: the _id is that
 * column's value), or several joined by {@code +}, each {@code <child column>=<parent _id field>} (a composite _id, the
 * sub-document {@code {<field>: value, ...}} in the order given, which must be the parent's key order).
 *
 * @param child      the child table's name (the DDML event's {@code source.table})
 * @param parent     the parent's collection
 * @param array      the array field in the parent's document
 * @param keyColumns the child columns holding the parent's key, in _id order
 * @param idFields   for a composite _id, the _id's field of each key column (same order); for one column, empty
 */
record MergeSpec(String child, String parent, String array, List<String> keyColumns, List<String> idFields) {

    static final String FORM = "<child table>:<parent collection>:<array field>:<child column> (or, for a composite "
        + "parent _id, <child column>=<_id field>+<child column>=<_id field>...)";

    /** Parses one entry; throws IllegalArgumentException with the reason. */
    static MergeSpec parse(String entry) {
        String[] parts = entry.trim().split(":", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + entry + "' has " + parts.length + " part(s) separated by ':', not 4; "
                + "write " + FORM + ", e.g. order_items:orders:items:order_id");
        }
        for (int i = 0; i < 4; i++) {
            parts[i] = parts[i].trim();
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "': part " + (i + 1) + " is empty; write " + FORM);
            }
        }
        String refusedCollection = MongoSinkConfig.refusedCollectionName(parts[1]);
        if (refusedCollection != null) {
            throw new IllegalArgumentException("'" + entry + "': " + refusedCollection + "; name another parent collection");
        }
        String refusedArray = RowDocuments.refusedField(parts[2]);
        if (refusedArray != null) {
            throw new IllegalArgumentException("'" + entry + "': array field: " + refusedArray + "; choose another field name");
        }
        String[] keys = parts[3].split("\\+", -1);
        List<String> columns = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String k : keys) {
            String[] kv = k.split("=", -1);
            String column = kv[0].trim();
            String field = kv.length > 1 ? kv[1].trim() : "";
            if (column.isEmpty() || kv.length > 2 || (kv.length == 2 && field.isEmpty())) {
                throw new IllegalArgumentException("'" + entry + "': key '" + k + "' is not <child column> or "
                    + "<child column>=<_id field>; write " + FORM);
            }
            if (keys.length > 1 && field.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "': a composite parent _id needs the _id field of each "
                    + "key column: write " + String.join("+", java.util.Arrays.stream(keys).map(x -> x.trim() + "=<_id field>")
                    .toList()));
            }
            if (!field.isEmpty() && RowDocuments.refusedField(field) != null) {
                throw new IllegalArgumentException("'" + entry + "': _id field '" + field + "': " + RowDocuments.refusedField(field));
            }
            columns.add(column);
            if (keys.length > 1) {
                fields.add(field);
            }
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("'" + entry + "': a key column is named twice");
        }
        return new MergeSpec(parts[0], parts[1], parts[2], List.copyOf(columns), List.copyOf(fields));
    }

    /** The entries by child table; throws IllegalArgumentException with the reason. */
    static Map<String, MergeSpec> parseAll(List<String> entries) {
        Map<String, MergeSpec> out = new HashMap<>();
        Set<String> arrays = new HashSet<>();
        for (String e : entries) {
            if (e.isBlank()) {
                continue;
            }
            MergeSpec spec = parse(e);
            if (out.put(spec.child(), spec) != null) {
                throw new IllegalArgumentException("child table '" + spec.child() + "' is named twice; keep one entry for it");
            }
            if (!arrays.add(spec.parent() + "." + spec.array())) {
                throw new IllegalArgumentException("array " + spec.array() + " of collection " + spec.parent()
                    + " is named by two child tables; give each its own array field");
            }
        }
        return out;
    }

    /** Refuses a list whose entries do not parse, naming the entry and the form. */
    static final class Validator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> entries = value == null ? List.of() : (List<String>) value;
            try {
                parseAll(entries);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a comma-separated list of " + FORM;
        }
    }
}
