package io.idaas.verify.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.verify.Mode;
import io.idaas.verify.Progress;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.VerifyStats;
import io.idaas.verify.copy.SourceRows;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.sql.Column;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies one table's Redis copy against the source table: counts ({@code SCARD} of the key set against
 * {@code COUNT(*)}), or every row: the copy's rows enumerated through the key set and read in pipelined batches, matched
 * to the source's rows by the key columns' values, each field compared with the source value as the sink encodes it
 * ({@link RedisFields}). Rows that differ are read again on both sides, after the re-check delay, before they are
 * reported: a copy behind its source catches up meanwhile.
 */
public final class RedisTableVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEPARATOR = "\u001f";

    private final VerifyConfig config;
    private final String sourceTable;
    private final SourceRows source;
    private final List<Column> keys;
    private final List<Column> columns;
    private final RedisCopy copy;
    private final boolean postgres;
    private final VerifyStats stats;
    private final Progress progress;

    /** A row that differs, with what it takes to read it again on both sides. */
    private record Candidate(RowDifference difference, String keyText, List<Object> sourceKey, String redisKey) {
    }

    RedisTableVerifier(VerifyConfig config, String sourceTable, SourceRows source, List<Column> keys, List<Column> columns,
                       RedisCopy copy, boolean postgres, VerifyStats stats, Progress progress) {
        this.config = config;
        this.sourceTable = sourceTable;
        this.source = source;
        this.keys = keys;
        this.columns = columns;
        this.copy = copy;
        this.postgres = postgres;
        this.stats = stats;
        this.progress = progress;
    }

    /** Count mode. */
    TableReport count() throws Exception {
        long start = System.nanoTime();
        progress.update(sourceTable, "count", 0, 1, 0);
        long sourceRows = source.count();
        long copyRows = copy.count();
        progress.update(sourceTable, "done", 1, 1, 0);
        return report(sourceRows, copyRows, List.of(), start);
    }

    /** Row and field modes. */
    TableReport rows() throws Exception {
        long start = System.nanoTime();
        List<String> members = copy.keys();
        progress.update(sourceTable, "redis keys", 0, members.size(), 0);
        Map<String, RedisCopy.Row> byKey = new LinkedHashMap<>();
        Map<String, String> dangling = new LinkedHashMap<>(); // key text -> member holding nothing
        for (int from = 0; from < members.size(); from += RedisCopy.BATCH * 20) {
            List<String> batch = members.subList(from, Math.min(members.size(), from + RedisCopy.BATCH * 20));
            Map<String, RedisCopy.Row> rows = copy.read(batch);
            stats.fetched(false, rows.size());
            for (String member : batch) {
                RedisCopy.Row row = rows.get(member);
                if (row == null) {
                    dangling.put(keyTextOfMember(member), member);
                } else {
                    byKey.put(keyTextOf(row), row);
                }
            }
            progress.update(sourceTable, "redis keys", from + batch.size(), members.size(), stats.rowsFetched());
        }
        List<Candidate> candidates = new ArrayList<>();
        long[] sourceRows = {0};
        source.all(s -> {
            sourceRows[0]++;
            String keyText = keyTextOf(s.keyValues());
            RedisCopy.Row row = byKey.remove(keyText);
            String redisKey = row != null ? row.redisKey() : dangling.containsKey(keyText) ? dangling.remove(keyText)
                    : copy.rowKey(RedisFields.keyText(keys, s.keyValues()));
            Candidate c = compare(keyText, s, row, redisKey);
            if (c != null) {
                candidates.add(c);
            }
        });
        stats.fetched(true, sourceRows[0]);
        for (RedisCopy.Row row : byKey.values()) {
            candidates.add(compare(keyTextOf(row), null, row, row.redisKey()));
        }
        dangling.forEach((keyText, member) -> candidates.add(danglingMember(keyText, member)));
        List<RowDifference> confirmed = recheck(candidates);
        progress.update(sourceTable, "done", members.size(), members.size(), stats.rowsFetched());
        long missing = count(confirmed, RowDifference.Kind.MISSING);
        long extra = count(confirmed, RowDifference.Kind.EXTRA);
        return report(sourceRows[0], sourceRows[0] - missing + extra, confirmed, start);
    }

    /** The difference between a source row and the copy's row at its key (either may be null), or null when equal. */
    private Candidate compare(String keyText, SourceRows.Row s, RedisCopy.Row r, String redisKey) {
        if (s == null && r == null) {
            return null;
        }
        if (s == null) {
            List<Object> sourceKey = new ArrayList<>();
            Map<String, String> key = new LinkedHashMap<>();
            for (Column k : keys) {
                byte[] field = field(r, k);
                key.put(k.name(), RedisFields.display(k, field));
                sourceKey.add(RedisFields.bindable(k, field, postgres));
            }
            boolean bindable = sourceKey.stream().allMatch(v -> v != null);
            return new Candidate(new RowDifference(RowDifference.Kind.EXTRA, key, sourceKey, List.of(), Map.of()), keyText,
                    bindable ? sourceKey : null, redisKey);
        }
        Map<String, String> key = sourceKeyTexts(s.keyValues());
        if (r == null) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i).name(), RedisFields.display(columns.get(i), RedisFields.expected(columns.get(i), s.values()[i])));
            }
            return new Candidate(new RowDifference(RowDifference.Kind.MISSING, key, s.keyValues(), List.of(), row), keyText,
                    s.keyValues(), redisKey);
        }
        List<FieldDifference> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (r.fields() != null) {
                byte[] expected = RedisFields.expected(c, s.values()[i]);
                byte[] actual = field(r, c);
                if (!RedisFields.same(c, expected, actual)) {
                    fields.add(new FieldDifference(c.name(), RedisFields.display(c, expected), RedisFields.display(c, actual)));
                }
            } else {
                JsonNode expected = RedisFields.expectedJson(c, s.values()[i]);
                JsonNode actual = jsonField(r, c);
                if (!RedisFields.sameJson(c, expected, actual)) {
                    fields.add(new FieldDifference(c.name(), RedisFields.display(expected), RedisFields.display(actual)));
                }
            }
        }
        for (Map.Entry<String, String> extra : extraFields(r).entrySet()) {
            fields.add(new FieldDifference(extra.getKey(), null, extra.getValue()));
        }
        return fields.isEmpty() ? null : new Candidate(new RowDifference(RowDifference.Kind.DIFFERENT, key, s.keyValues(), fields, Map.of()),
                keyText, s.keyValues(), redisKey);
    }

    /** A key-set member whose key holds nothing: the copy lists a row it does not have. */
    private Candidate danglingMember(String keyText, String member) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("redis key", member);
        return new Candidate(new RowDifference(RowDifference.Kind.EXTRA, key, List.of(), List.of(), Map.of()), keyText, null, member);
    }

    /**
     * Reads the differing rows again: first at once, then {@code recheckRounds} times after the delay, keeping only the
     * rows that still differ.
     */
    private List<RowDifference> recheck(List<Candidate> candidates) throws Exception {
        List<Candidate> current = candidates;
        for (int round = 0; round <= config.recheckRounds() && !current.isEmpty(); round++) {
            if (round > 0) {
                progress.update(sourceTable, "recheck", round, config.recheckRounds(), stats.rowsFetched());
                Thread.sleep(config.recheckDelay().toMillis());
            }
            stats.recheck();
            List<List<Object>> sourceKeys = current.stream().map(Candidate::sourceKey).filter(k -> k != null).toList();
            Map<String, SourceRows.Row> sourceRows = new HashMap<>();
            for (SourceRows.Row row : source.byKeys(sourceKeys)) {
                sourceRows.put(keyTextOf(row.keyValues()), row);
            }
            stats.fetched(true, sourceRows.size());
            Map<String, RedisCopy.Row> redisRows = copy.read(current.stream().map(Candidate::redisKey).distinct().toList());
            stats.fetched(false, redisRows.size());
            List<Candidate> next = new ArrayList<>();
            for (Candidate c : current) {
                RedisCopy.Row r = redisRows.get(c.redisKey());
                SourceRows.Row s = c.sourceKey() == null ? null : sourceRows.get(c.keyText());
                Candidate again = c.sourceKey() == null && r == null && c.difference().key().containsKey("redis key")
                        ? (copy.keySetHas(c.redisKey()) ? c : null) // a dangling member is gone once the set no longer has it
                        : compare(c.keyText(), s, r, c.redisKey());
                if (again != null) {
                    next.add(again);
                }
            }
            current = next;
        }
        return current.stream().map(Candidate::difference).toList();
    }

    private String keyTextOf(List<Object> sourceKeyValues) {
        List<String> parts = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            parts.add(RedisFields.display(keys.get(i), RedisFields.expected(keys.get(i), sourceKeyValues.get(i))));
        }
        return String.join(SEPARATOR, parts);
    }

    private Map<String, String> sourceKeyTexts(List<Object> sourceKeyValues) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            key.put(keys.get(i).name(), RedisFields.display(keys.get(i), RedisFields.expected(keys.get(i), sourceKeyValues.get(i))));
        }
        return key;
    }

    /** The key text of a copy's row: from its key fields, or from its Redis key when a key field is absent. */
    private String keyTextOf(RedisCopy.Row row) {
        List<String> parts = new ArrayList<>(keys.size());
        for (Column k : keys) {
            byte[] field = field(row, k);
            if (field == null) {
                return keyTextOfMember(row.redisKey());
            }
            parts.add(RedisFields.display(k, field));
        }
        return String.join(SEPARATOR, parts);
    }

    /** The key text of a Redis key written with the default template ({@code <prefix>:<table-id>:<key>}). */
    private String keyTextOfMember(String redisKey) {
        String text = copy.keyTextOf(redisKey);
        if (text == null) {
            return "\u0000" + redisKey; // a key of another template: matches no source row
        }
        if (keys.size() == 1) {
            return RedisFields.display(keys.get(0), text.getBytes(StandardCharsets.UTF_8));
        }
        try {
            JsonNode array = JSON.readTree(text);
            List<String> parts = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                parts.add(RedisFields.display(keys.get(i), RedisFields.fieldOf(keys.get(i), array.get(i))));
            }
            return String.join(SEPARATOR, parts);
        } catch (Exception e) {
            return "\u0000" + redisKey;
        }
    }

    /** A column's hash field (by name, or case-insensitively), or its JSON-shape field as hash-field bytes. */
    private static byte[] field(RedisCopy.Row row, Column column) {
        if (row.fields() == null) {
            return RedisFields.fieldOf(column, jsonField(row, column));
        }
        byte[] value = row.fields().get(column.name());
        if (value == null) {
            for (Map.Entry<String, byte[]> e : row.fields().entrySet()) {
                if (e.getKey().equalsIgnoreCase(column.name())) {
                    return e.getValue();
                }
            }
        }
        return value;
    }

    private static JsonNode jsonField(RedisCopy.Row row, Column column) {
        JsonNode value = row.document().get(column.name());
        if (value == null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = row.document().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(column.name())) {
                    return e.getValue();
                }
            }
        }
        return value;
    }

    /** Fields of the copy's row that are no compared source column (nor the sink's {@code _ddml} bookkeeping). */
    private Map<String, String> extraFields(RedisCopy.Row row) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (row.fields() != null) {
            row.fields().forEach((name, value) -> {
                if (!name.startsWith("_ddml.") && unknown(name)) {
                    extra.put(name, new String(value, StandardCharsets.UTF_8));
                }
            });
        } else {
            row.document().fields().forEachRemaining(e -> {
                if (!e.getKey().equals("_ddml") && unknown(e.getKey())) {
                    extra.put(e.getKey(), RedisFields.display(e.getValue()));
                }
            });
        }
        return extra;
    }

    private boolean unknown(String field) {
        return !config.ignoredColumns().matcher(field).matches()
                && columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(field))
                && keys.stream().noneMatch(c -> c.name().equalsIgnoreCase(field));
    }

    private TableReport report(long sourceRows, long targetRows, List<RowDifference> differences, long startNanos) {
        int listed = Math.min(differences.size(), config.maxListed());
        List<RowDifference> shown = differences.subList(0, listed);
        if (config.mode() == Mode.ROW) {
            shown = shown.stream().map(d -> new RowDifference(d.kind(), d.key(), d.keyValues(), List.of(), d.sourceRow())).toList();
        }
        return new TableReport(sourceTable, copy.rowKey("*") + " (" + copy.keySet() + ")", sourceRows, targetRows,
                count(differences, RowDifference.Kind.MISSING), count(differences, RowDifference.Kind.EXTRA),
                count(differences, RowDifference.Kind.DIFFERENT), shown, listed < differences.size(),
                columns.stream().map(Column::name).toList(), List.of(), List.of(), -1, 0, stats.rowsFetched(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static long count(List<RowDifference> d, RowDifference.Kind kind) {
        return d.stream().filter(x -> x.kind() == kind).count();
    }
}
