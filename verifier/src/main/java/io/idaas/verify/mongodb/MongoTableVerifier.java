package io.idaas.verify.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.ddml.types.BsonValues;
import io.idaas.verify.Mode;
import io.idaas.verify.Progress;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.VerifyStats;
import io.idaas.verify.copy.SourceRows;
import io.idaas.verify.copy.SourceValues;
import io.idaas.verify.report.FieldDifference;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.sql.Column;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies one table's MongoDB collection against the source table: counts ({@code countDocuments} against
 * {@code COUNT(*)}), or every row: the collection's documents read with one cursor and held by key, the source's rows
 * streamed and matched to them by the key columns' values (a document's key is its {@code _id}: the value, or a document
 * of the key columns), each column compared with its field through the portable types ({@link MongoFields}); a field
 * that is no source column (other than {@code _id}, the sink's {@code _ddml} and arrays the sink merges a child table
 * into, {@link #isMergedArray}) is a difference too; a document holding only merged children, whose row is gone
 * ({@link #holdsOnlyMergedChildren}), is no extra row. Rows that differ
 * are read again on both sides, by key, after the re-check delay, before they are reported: a copy behind its source
 * catches up meanwhile.
 */
final class MongoTableVerifier {

    private static final String SEPARATOR = "\u001f";
    private static final String ID = "_id";
    private static final String DDML = "_ddml";

    private final VerifyConfig config;
    private final String sourceTable;
    private final SourceRows source;
    private final List<Column> keys;
    private final List<Column> columns;
    private final MongoCopy copy;
    private final boolean postgres;
    private final VerifyStats stats;
    private final Progress progress;

    /** A row that differs, with what it takes to read it again on both sides (a null part: that side cannot be read). */
    private record Candidate(RowDifference difference, String keyText, List<Object> sourceKey, BsonValue id) {
    }

    MongoTableVerifier(VerifyConfig config, String sourceTable, SourceRows source, List<Column> keys, List<Column> columns,
                       MongoCopy copy, boolean postgres, VerifyStats stats, Progress progress) {
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
        Map<String, BsonDocument> byKey = new LinkedHashMap<>();
        long[] documents = {0};
        copy.all(d -> {
            documents[0]++;
            BsonDocument earlier = byKey.put(keyTextOf(d.get(ID)), d);
            if (earlier != null) {
                byKey.put("\u0000" + earlier.get(ID), earlier); // two _ids with one key text: both kept, the first as extra
            }
            if (documents[0] % 10_000 == 0) {
                progress.update(sourceTable, "documents", documents[0], -1, documents[0]);
            }
        });
        stats.fetched(false, documents[0]);
        List<Candidate> candidates = new ArrayList<>();
        long[] sourceRows = {0};
        source.all(s -> {
            sourceRows[0]++;
            String keyText = keyTextOf(s.keyValues());
            BsonDocument d = byKey.remove(keyText);
            Candidate c = compare(keyText, s, d);
            if (c != null) {
                candidates.add(c);
            }
        });
        stats.fetched(true, sourceRows[0]);
        byKey.forEach((keyText, d) -> candidates.add(compare(keyText, null, d)));
        List<RowDifference> confirmed = recheck(candidates);
        progress.update(sourceTable, "done", 1, 1, stats.rowsFetched());
        long missing = count(confirmed, RowDifference.Kind.MISSING);
        long extra = count(confirmed, RowDifference.Kind.EXTRA);
        return report(sourceRows[0], sourceRows[0] - missing + extra, confirmed, start);
    }

    /** The difference between a source row and the document at its key (either may be null), or null when equal. */
    private Candidate compare(String keyText, SourceRows.Row s, BsonDocument d) {
        if (s == null && d == null) {
            return null;
        }
        if (s == null) {
            if (holdsOnlyMergedChildren(d)) {
                return null;
            }
            BsonValue id = d.get(ID);
            Map<String, String> key = new LinkedHashMap<>();
            List<Object> sourceKey = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                MongoFields.Read read = MongoFields.read(keys.get(i), MongoFields.idPart(keys, id, i));
                key.put(keys.get(i).name(), read.ok() ? MongoFields.display(read) : "_id " + MongoFields.describe(id));
                sourceKey.add(read.ok() ? bindable(keys.get(i), MongoFields.idPart(keys, id, i)) : null);
            }
            boolean bindable = sourceKey.stream().allMatch(Objects::nonNull);
            return new Candidate(new RowDifference(RowDifference.Kind.EXTRA, key, sourceKey, List.of(), Map.of()), keyText,
                    bindable ? sourceKey : null, id);
        }
        Map<String, String> key = sourceKeyTexts(s.keyValues());
        if (d == null) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i).name(), MongoFields.display(MongoFields.expected(columns.get(i), s.values()[i])));
            }
            return new Candidate(new RowDifference(RowDifference.Kind.MISSING, key, s.keyValues(), List.of(), row), keyText,
                    s.keyValues(), idOf(s.keyValues()));
        }
        List<FieldDifference> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            JsonNode expected = MongoFields.expected(c, s.values()[i]);
            MongoFields.Read actual = MongoFields.read(c, field(d, c), MongoFields.expectedBson(c, s.values()[i]));
            if (!MongoFields.same(c, expected, actual)) {
                fields.add(new FieldDifference(c.name(), MongoFields.display(expected), MongoFields.display(actual)));
            }
        }
        d.forEach((name, value) -> {
            if (!name.equals(ID) && !name.equals(DDML) && unknown(name) && !isMergedArray(value)) {
                fields.add(new FieldDifference(name, null, MongoFields.describe(value)));
            }
        });
        return fields.isEmpty() ? null : new Candidate(new RowDifference(RowDifference.Kind.DIFFERENT, key, s.keyValues(), fields, Map.of()),
                keyText, s.keyValues(), d.get(ID));
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
            Map<String, SourceRows.Row> sourceRows = new HashMap<>();
            for (SourceRows.Row row : source.byKeys(current.stream().map(Candidate::sourceKey).filter(Objects::nonNull).toList())) {
                sourceRows.put(keyTextOf(row.keyValues()), row);
            }
            stats.fetched(true, sourceRows.size());
            Map<BsonValue, BsonDocument> documents = copy.byIds(current.stream().map(Candidate::id).filter(Objects::nonNull).toList());
            stats.fetched(false, documents.size());
            List<Candidate> next = new ArrayList<>();
            for (Candidate c : current) {
                SourceRows.Row s = c.sourceKey() == null ? null : sourceRows.get(c.keyText());
                BsonDocument d = c.id() == null ? null : documents.get(c.id());
                Candidate again = compare(c.keyText(), s, d);
                if (again != null) {
                    next.add(again);
                }
            }
            current = next;
        }
        return current.stream().map(Candidate::difference).toList();
    }

    /**
     * Whether a field is an array the sink merges a child table into ({@code mongodb.merge.arrays}): an array of
     * documents that each carry the sink's {@code _ddml} (or an empty one, all its children gone). It belongs to
     * another source table, so it is not compared with this one.
     */
    static boolean isMergedArray(BsonValue value) {
        if (!value.isArray()) {
            return false;
        }
        for (BsonValue element : value.asArray()) {
            if (!element.isDocument() || !element.asDocument().containsKey(DDML)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a document stands for no row of this table but holds children the sink merged into it: no {@code _ddml}
     * (its row was deleted, or never came) and nothing but {@code _id} and merged arrays. The sink keeps such a
     * document while the child rows outlive their parent's row, and deletes it with the last of them.
     */
    static boolean holdsOnlyMergedChildren(BsonDocument d) {
        if (d.containsKey(DDML)) {
            return false;
        }
        boolean any = false;
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            if (e.getKey().equals(ID)) {
                continue;
            }
            if (!isMergedArray(e.getValue())) {
                return false;
            }
            any |= !e.getValue().asArray().isEmpty();
        }
        return any;
    }

    /** The key text of source key values: the key columns' DDML JSON encodings. */
    private String keyTextOf(List<Object> sourceKeyValues) {
        List<String> parts = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            parts.add(MongoFields.expected(keys.get(i), sourceKeyValues.get(i)).toString());
        }
        return String.join(SEPARATOR, parts);
    }

    /** The key text of a document's {@code _id}; an {@code _id} that holds no key of the table matches no source row. */
    private String keyTextOf(BsonValue id) {
        List<String> parts = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            MongoFields.Read read = MongoFields.read(keys.get(i), MongoFields.idPart(keys, id, i));
            if (!read.ok() || read.value().isNull()) {
                return "\u0000" + (id == null ? "no _id" : id.toString());
            }
            parts.add(read.value().toString());
        }
        return String.join(SEPARATOR, parts);
    }

    private Map<String, String> sourceKeyTexts(List<Object> sourceKeyValues) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            key.put(keys.get(i).name(), MongoFields.display(MongoFields.expected(keys.get(i), sourceKeyValues.get(i))));
        }
        return key;
    }

    /** The {@code _id} the sink gives the source row with these key values; null when a key value has no portable value. */
    private BsonValue idOf(List<Object> sourceKeyValues) {
        List<Object> portable = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Object v = MongoFields.portable(keys.get(i), sourceKeyValues.get(i));
            if (v == null) {
                return null;
            }
            portable.add(v);
        }
        return MongoFields.id(keys, portable);
    }

    private Object bindable(Column key, BsonValue value) {
        try {
            return SourceValues.bindable(BsonValues.fromBson(key.type(), value), postgres);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A column's field, by name or case-insensitively. */
    private static BsonValue field(BsonDocument d, Column column) {
        BsonValue value = d.get(column.name());
        if (value == null) {
            for (Map.Entry<String, BsonValue> e : d.entrySet()) {
                if (e.getKey().equalsIgnoreCase(column.name())) {
                    return e.getValue();
                }
            }
        }
        return value;
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
        return new TableReport(sourceTable, copy.name(), sourceRows, targetRows,
                count(differences, RowDifference.Kind.MISSING), count(differences, RowDifference.Kind.EXTRA),
                count(differences, RowDifference.Kind.DIFFERENT), shown, listed < differences.size(),
                columns.stream().map(Column::name).toList(), List.of(), List.of(), -1, 0, stats.rowsFetched(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static long count(List<RowDifference> d, RowDifference.Kind kind) {
        return d.stream().filter(x -> x.kind() == kind).count();
    }
}
