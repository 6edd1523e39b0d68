package io.idaas.verify.report;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a verification.
 *
 * @param mode     count, row or field
 * @param source   the source JDBC URL (without password)
 * @param target   the target JDBC URL
 * @param started  when it started
 * @param until    in the incremental mode, the time up to which changes were read: the next run's {@code --since}
 * @param tables   one report per table
 */
public record VerifyReport(String mode, String source, String target, Instant started, Instant until, List<TableReport> tables) {

    public VerifyReport {
        tables = List.copyOf(tables);
    }

    /** Whether every table matches. */
    public boolean equal() {
        return tables.stream().allMatch(TableReport::equal);
    }
}
