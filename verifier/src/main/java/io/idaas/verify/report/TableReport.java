package io.idaas.verify.report;

import java.util.List;

/**
 * The outcome for one table.
 *
 * @param sourceTable        the source table, as the source names it ({@code schema.table})
 * @param targetTable        the target table
 * @param sourceRows         rows in the source (count mode, or when the whole table was compared); -1 when not counted
 * @param targetRows         rows in the target; -1 when not counted
 * @param missing            rows missing from the target
 * @param extra              rows in the target that the source does not have
 * @param different          rows on both sides with different fields
 * @param differences        the differing rows, at most the configured number ({@code truncated} says when more were found)
 * @param truncated          whether differences were left out of the list
 * @param javaColumns        columns that the databases cannot bring to a common text, compared in Java for every row
 * @param onlyInSource       columns of the source table that the target table lacks
 * @param onlyInTarget       columns of the target table that the source table lacks
 * @param keysChecked        in the incremental mode, the changed keys compared; -1 otherwise
 * @param checksumQueries    range checksums computed (both sides)
 * @param rowsFetched        rows fetched over the network for comparison in Java (both sides)
 * @param millis             time taken
 */
public record TableReport(String sourceTable, String targetTable, long sourceRows, long targetRows, long missing, long extra,
                          long different, List<RowDifference> differences, boolean truncated, List<String> javaColumns,
                          List<String> onlyInSource, List<String> onlyInTarget, long keysChecked, long checksumQueries,
                          long rowsFetched, long millis) {

    public TableReport {
        differences = List.copyOf(differences);
        javaColumns = List.copyOf(javaColumns);
        onlyInSource = List.copyOf(onlyInSource);
        onlyInTarget = List.copyOf(onlyInTarget);
    }

    /** Whether the target table matches the source table. */
    public boolean equal() {
        return missing == 0 && extra == 0 && different == 0 && onlyInSource.isEmpty() && onlyInTarget.isEmpty()
                && sourceRows == targetRows;
    }
}
