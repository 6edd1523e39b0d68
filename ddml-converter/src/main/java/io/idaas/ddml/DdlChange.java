package io.idaas.ddml;

import java.util.List;
import java.util.Objects;

/**
 * What a DDL event changed. The structured parts describe the difference from the previous shape
 * (for create_table: from nothing), applied in this order: renamed, dropped, modified, added,
 * primary key (SPEC.md section 7: renames one after another as listed; a dropped column whose name a rename
 * takes is dropped before the renames).
 *
 * @param op          the operation
 * @param statement   the original statement where the source has one; null otherwise
 * @param derived     true when the event was inferred from a change of table shape, not read as DDL
 * @param renamedFrom for rename_table, the old name; null otherwise
 * @param added       columns added, in table order
 * @param dropped     names of columns dropped
 * @param modified    columns whose definition changed
 * @param renamed     column renames
 * @param primaryKey  the new primary key when it changed (empty list: the key was dropped); null when unchanged
 */
public record DdlChange(DdlOp op, String statement, boolean derived, TableRef renamedFrom, List<Column> added,
                        List<String> dropped, List<ModifiedColumn> modified, List<RenamedColumn> renamed,
                        List<String> primaryKey) {

    /** Copies the lists and checks rename_table's old name. */
    public DdlChange {
        Objects.requireNonNull(op, "ddl.op");
        added = added == null ? List.of() : List.copyOf(added);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        modified = modified == null ? List.of() : List.copyOf(modified);
        renamed = renamed == null ? List.of() : List.copyOf(renamed);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        if ((op == DdlOp.RENAME_TABLE) != (renamedFrom != null)) {
            throw new IllegalArgumentException("renamed_from is required for rename_table and only there");
        }
    }

    /** A builder for an op. */
    public static Builder builder(DdlOp op) {
        return new Builder(op);
    }

    /** Builds a {@link DdlChange}. */
    public static final class Builder {
        private final DdlOp op;
        private String statement;
        private boolean derived;
        private TableRef renamedFrom;
        private List<Column> added;
        private List<String> dropped;
        private List<ModifiedColumn> modified;
        private List<RenamedColumn> renamed;
        private List<String> primaryKey;

        private Builder(DdlOp op) {
            this.op = op;
        }

        /** The original statement. */
        public Builder statement(String statement) {
            this.statement = statement;
            return this;
        }

        /** Whether the event was derived from a shape change. */
        public Builder derived(boolean derived) {
            this.derived = derived;
            return this;
        }

        /** The old name of a renamed table. */
        public Builder renamedFrom(TableRef renamedFrom) {
            this.renamedFrom = renamedFrom;
            return this;
        }

        /** Added columns. */
        public Builder added(List<Column> added) {
            this.added = added;
            return this;
        }

        /** Dropped column names. */
        public Builder dropped(List<String> dropped) {
            this.dropped = dropped;
            return this;
        }

        /** Modified columns. */
        public Builder modified(List<ModifiedColumn> modified) {
            this.modified = modified;
            return this;
        }

        /** Renamed columns. */
        public Builder renamed(List<RenamedColumn> renamed) {
            this.renamed = renamed;
            return this;
        }

        /** The new primary key. */
        public Builder primaryKey(List<String> primaryKey) {
            this.primaryKey = primaryKey;
            return this;
        }

        /** The change. */
        public DdlChange build() {
            return new DdlChange(op, statement, derived, renamedFrom, added, dropped, modified, renamed, primaryKey);
        }
    }
}
