package io.idaas.connect.jdbc.sink;

import io.idaas.connect.sink.AppliedChanges;
import io.idaas.connect.sink.ReadFrom;
import io.idaas.connect.sink.RecordEvents;
import io.idaas.connect.sink.RecordFailure;

import io.idaas.connect.jdbc.ddl.SchemaChanges;
import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies records in source order in one target transaction, together with the next offset of each partition in the
 * offsets table, then commits. DDL is the exception where the target commits DDL implicitly (MariaDB, MySQL): the
 * rows and offsets before it are committed first, and the DDL's own offset right after it, so the offsets table
 * never claims more than the target holds.
 *
 * <p>A rename_table renames the target table, then applies the column changes it carries (a source that renamed the
 * table and changed its columns in one step); an event of the old name written at the source before the rename that
 * arrives after it is applied to the renamed table ({@link TableRenameLog}).
 */
public final class TransactionWriter {

    /**
     * What one {@link #apply} committed.
     *
     * @param committed the next offset of each partition now committed in the target
     * @param changes   the changes applied (tombstones are none), for the sink's metrics
     */
    public record Applied(Map<TopicPartition, Long> committed, AppliedChanges changes) {
    }

    private final Dialect dialect;
    private final TableNames names;
    private final RowWriter rows;
    private final SchemaChanges schemas;
    private final OffsetStore offsets;
    private final int batchSize;
    private final Renames renames;
    private final TableRenameLog renamedTables = new TableRenameLog();

    public TransactionWriter(Dialect dialect, TableNames names, SchemaChanges schemas, OffsetStore offsets, int batchSize) {
        this(dialect, names, Renames.NONE, schemas, offsets, batchSize, false);
    }

    public TransactionWriter(Dialect dialect, TableNames names, Renames renames, SchemaChanges schemas, OffsetStore offsets,
                             int batchSize, boolean appendKeyless) {
        this.renames = renames;
        this.dialect = dialect;
        this.names = names;
        this.rows = new RowWriter(dialect, appendKeyless);
        this.schemas = schemas;
        this.offsets = offsets;
        this.batchSize = batchSize;
    }

    /**
     * Applies the records and commits.
     *
     * @return the next offset of each partition now committed in the target, and the changes applied, counted from the
     *         events read for the write (no record is read twice)
     * @throws RecordFailure when one record can never apply (the transaction is then rolled back)
     * @throws SQLException  when the target fails (the transaction is then rolled back)
     */
    public Applied apply(Connection connection, List<SinkRecord> records) throws SQLException {
        Map<TopicPartition, Long> next = new HashMap<>();
        AppliedChanges changes = new AppliedChanges();
        try (StatementBatch batch = new StatementBatch(connection, dialect, batchSize)) {
            for (SinkRecord record : records) {
                TopicPartition partition = ReadFrom.partition(record);
                if (!RecordEvents.isTombstone(record)) {
                    DdmlEvent read = renamed(record, RecordEvents.read(record));
                    changes.add(read);
                    DdmlEvent event = renamedTables.current(read);
                    if (event.dml() != null && event.dml().omitted() != null) {
                        throw omitted(record, event);
                    }
                    if (event != read && event.dml() != null) {
                        requireColumns(connection, record, read, event);
                    }
                    if (event.dml() != null) {
                        applyRow(connection, batch, record, event, next);
                    } else {
                        batch.flush();
                        commitWhereDdlCommits(connection, next);
                        applyDdl(connection, record, event);
                        next.put(partition, ReadFrom.offset(record) + 1);
                        commitWhereDdlCommits(connection, next);
                        continue;
                    }
                }
                next.put(partition, ReadFrom.offset(record) + 1);
            }
            batch.flush();
            offsets.write(connection, next);
            connection.commit();
            return new Applied(next, changes);
        } catch (SQLException | RuntimeException e) {
            rollback(connection);
            if (dialect.transactionalDdl()) {
                // A table created or altered for these records is gone with the rollback: what was learned of it too.
                schemas.forgetTables();
            }
            throw e;
        }
    }

    /** The event with column.rename applied; a rename that clashes with a column fails the record. */
    private DdmlEvent renamed(SinkRecord record, DdmlEvent event) {
        try {
            return renames.columns(event);
        } catch (IllegalArgumentException e) {
            throw new RecordFailure(record, "column.rename does not fit event " + event.id() + ": " + e.getMessage()
                + "; change column.rename", e);
        }
    }

    /**
     * A change whose rows its producer left out (SPEC.md §6.1) can never apply: it goes to the dead-letter topic with
     * the row it leaves stale.
     */
    private RecordFailure omitted(SinkRecord record, DdmlEvent event) {
        String table = dialect.quote(names.target(event.source().tableRef(), record.topic()));
        boolean keyed = event.dml().key() != null;
        String row = keyed ? "the row " + event.dml().key().values() : "a row";
        String stale = keyed ? "that row in the target is stale from this change on"
            : "a row of that table in the target, which the event cannot name, is stale from this change on";
        return new RecordFailure(record, "the source " + event.dml().op().wireName() + " of " + row + " of table " + table
            + " (event " + event.id() + ") was not carried: " + event.dml().omitted().describe() + "; " + stale
            + ", until a later change of it or a repair (idaas verify --repair-sql)", null);
    }

    /** The quoted target table of a record, for messages; "?" when the record is not DDML. */
    public String describeTarget(SinkRecord record) {
        try {
            DdmlEvent event = RecordEvents.read(record);
            return dialect.quote(names.target(renamedTables.current(event).source().tableRef(), record.topic()));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private void applyRow(Connection connection, StatementBatch batch, SinkRecord record, DdmlEvent event,
                          Map<TopicPartition, Long> next) throws SQLException {
        String table = names.target(event.source().tableRef(), record.topic());
        try {
            if (!dialect.transactionalDdl() && needsDdl(connection, table, event)) {
                batch.flush();
                commitWhereDdlCommits(connection, next);
            }
            schemas.fitForRows(connection, table, event.schema(), systemOf(event));
            rows.write(batch, table, event.schema(), event.dml(), event.position().sortable(),
                schemas.guarded(connection, table));
        } catch (SchemaChanges.MissingTableException | IllegalArgumentException | ClassCastException e) {
            throw new RecordFailure(record, "cannot apply " + event.dml().op().wireName() + " of event " + event.id()
                + " to table " + quotedForMessage(table) + ": " + e.getMessage(), e);
        }
    }

    /** The table quoted for the target, for a message; as given, in double quotes, when the target refuses the name. */
    private String quotedForMessage(String table) {
        try {
            return dialect.quote(table);
        } catch (IllegalArgumentException e) {
            return '"' + table + '"';
        }
    }

    private boolean needsDdl(Connection connection, String table, DdmlEvent event) throws SQLException {
        return !schemas.fits(connection, table, event.schema());
    }

    private void applyDdl(Connection connection, SinkRecord record, DdmlEvent event) throws SQLException {
        try {
            applyDdlStatement(connection, record, event);
        } catch (IllegalArgumentException e) {
            // a change the target cannot take as it is (e.g. a name longer than PostgreSQL keeps): never applied changed
            throw new RecordFailure(record, "cannot apply " + event.ddl().op().wireName() + " of event " + event.id() + ": "
                + e.getMessage(), e);
        }
    }

    private void applyDdlStatement(Connection connection, SinkRecord record, DdmlEvent event) throws SQLException {
        DdlChange ddl = event.ddl();
        String table = names.target(event.source().tableRef(), record.topic());
        switch (ddl.op()) {
            case CREATE_TABLE -> schemas.createTable(connection, table, event.schema(), systemOf(event));
            case ALTER_TABLE -> schemas.alterTable(connection, table, ddl, event.schema(), systemOf(event));
            case DROP_TABLE -> schemas.dropTable(connection, table);
            case RENAME_TABLE -> {
                if (schemas.renameTable(connection, names.target(ddl.renamedFrom(), record.topic()), table)) {
                    renamedTables.renamed(event);
                }
                if (changesColumns(ddl) && event.schema() != null) {
                    // the source renamed the table and changed its columns in one step (SPEC.md section 7)
                    schemas.alterTable(connection, table, ddl, event.schema(), systemOf(event));
                }
            }
            case TRUNCATE_TABLE -> {
                try (var s = connection.createStatement()) {
                    s.execute(dialect.truncate(table));
                }
            }
        }
    }

    private static boolean changesColumns(DdlChange ddl) {
        return !ddl.added().isEmpty() || !ddl.dropped().isEmpty() || !ddl.modified().isEmpty() || !ddl.renamed().isEmpty()
            || ddl.primaryKey() != null;
    }

    /**
     * A row event of a table's old name, written before the table was renamed and read after the rename: the renamed
     * table must already have its columns (as the rename left them), else the event goes to the dead-letter topic
     * rather than change the renamed table's columns back.
     */
    private void requireColumns(Connection connection, SinkRecord record, DdmlEvent read, DdmlEvent event)
        throws SQLException {
        String table = names.target(event.source().tableRef(), record.topic());
        java.util.List<String> missing = schemas.missingColumns(connection, table, event.schema());
        if (!missing.isEmpty()) {
            throw new RecordFailure(record, "event " + read.id() + " of table " + quotedForMessage(names.target(
                read.source().tableRef(), record.topic())) + " was written at the source before the table was renamed to "
                + quotedForMessage(table) + " and arrived after the rename, but " + quotedForMessage(table) + " has no "
                + "column " + missing + " (changed on the source after this event): apply the row by hand", null);
        }
    }

    private void commitWhereDdlCommits(Connection connection, Map<TopicPartition, Long> next) throws SQLException {
        if (!dialect.transactionalDdl()) {
            offsets.write(connection, next);
            connection.commit();
        }
    }

    private static io.idaas.ddml.SourceSystem systemOf(DdmlEvent event) {
        return io.idaas.ddml.SourceSystem.of(event.source().system()).orElse(null);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the caller reconnects
        }
    }
}
