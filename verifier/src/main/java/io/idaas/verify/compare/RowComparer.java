package io.idaas.verify.compare;

import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.RowDifference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares the rows fetched from both sides, by key: missing, extra and different rows, and which fields differ. */
public final class RowComparer {

    private final List<ColumnPair> keyPairs;

    public RowComparer(List<ColumnPair> keyPairs) {
        this.keyPairs = List.copyOf(keyPairs);
    }

    /**
     * The differences between {@code source} and {@code target} rows (each by canonical key text), comparing
     * {@code columns} (the order of each row's values).
     */
    public List<RowDifference> compare(Map<String, FetchedRow> source, Map<String, FetchedRow> target, List<ColumnPair> columns) {
        List<RowDifference> out = new ArrayList<>();
        for (Map.Entry<String, FetchedRow> e : source.entrySet()) {
            FetchedRow s = e.getValue();
            FetchedRow t = target.get(e.getKey());
            if (t == null) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i).name(), s.values()[i]);
                }
                out.add(new RowDifference(RowDifference.Kind.MISSING, key(e.getKey()), s.keyValues(), List.of(), row));
                continue;
            }
            List<FieldDifference> fields = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (!Canonical.same(s.values()[i], t.values()[i])) {
                    fields.add(new FieldDifference(columns.get(i).name(), s.values()[i], t.values()[i]));
                }
            }
            if (!fields.isEmpty()) {
                out.add(new RowDifference(RowDifference.Kind.DIFFERENT, key(e.getKey()), s.keyValues(), fields, Map.of()));
            }
        }
        for (Map.Entry<String, FetchedRow> e : target.entrySet()) {
            if (!source.containsKey(e.getKey())) {
                out.add(new RowDifference(RowDifference.Kind.EXTRA, key(e.getKey()), e.getValue().keyValues(), List.of(), Map.of()));
            }
        }
        return out;
    }

    /** The key columns and their canonical texts, from a canonical key text. */
    private Map<String, String> key(String keyText) {
        String[] parts = keyText.split("\u001f", -1);
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < keyPairs.size(); i++) {
            key.put(keyPairs.get(i).name(), parts[i]);
        }
        return key;
    }
}
