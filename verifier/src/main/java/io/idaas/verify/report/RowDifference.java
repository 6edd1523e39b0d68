package io.idaas.verify.report;

import java.util.List;
import java.util.Map;

/**
 * A row that differs: missing from the target, extra in the target, or present on both sides with different fields.
 *
 * @param kind      what differs
 * @param key       the primary key, column name to canonical text, in key order
 * @param keyValues the key values as a driver gave them (to read the row again by key); not part of reports
 * @param fields    for {@link Kind#DIFFERENT}: the differing columns; empty otherwise
 * @param sourceRow for {@link Kind#MISSING}: every column of the source row (canonical texts), for the repair statement
 */
public record RowDifference(Kind kind, Map<String, String> key, List<Object> keyValues, List<FieldDifference> fields,
                            Map<String, String> sourceRow) {

    /** What differs about a row. */
    public enum Kind {
        /** In the source, not in the target. */
        MISSING,
        /** In the target, not in the source. */
        EXTRA,
        /** On both sides, with different values. */
        DIFFERENT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
