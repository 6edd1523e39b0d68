package io.idaas.connect.jdbc.ddl;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies definition changes to the target under the {@code ddl.*} policies, and makes a table fit the rows of a DML
 * event (creating it, adding the columns it lacks). Every statement is safe to run again after a crash: tables are
 * created IF NOT EXISTS and columns are added, dropped or renamed only when the target still needs it.
 */
public final class SchemaChanges {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChanges.class);

    private final Dialect dialect;
    private final TargetTables tables;
    private final DdlPolicy create;
    private final DdlPolicy alter;
    private final DdlPolicy drop;
    private final boolean nativeTypes;

    public SchemaChanges(Dialect dialect, TargetTables tables, DdlPolicy create, DdlPolicy alter, DdlPolicy drop,
                         boolean nativeTypes) {
        this.dialect = dialect;
        this.nativeTypes = nativeTypes;
        this.tables = tables;
        this.create = create;
        this.alter = alter;
        this.drop = drop;
    }

    /** Whether {@code table} exists and has every column of {@code schema}. */
    public boolean fits(Connection connection, String table, TableSchema schema) throws SQLException {
        Set<String> existing = tables.columns(connection, table);
        return !existing.isEmpty() && schema.columns().stream().allMatch(c -> existing.contains(c.name()))
            && keyFits(connection, table, schema.primaryKey());
    }

    /**
     * Makes sure {@code table} exists and has every column of {@code schema}, per the create and alter policies.
     *
     * @return whether a statement ran (and so committed implicitly where DDL does)
     * @throws MissingTableException when the table is missing and may not be created
     */
    public boolean fitForRows(Connection connection, String table, TableSchema schema, SourceSystem source)
        throws SQLException {
        Set<String> existing = tables.columns(connection, table);
        if (existing.isEmpty()) {
            if (create != DdlPolicy.APPLY) {
                throw new MissingTableException("table " + dialect.quote(table) + " does not exist in the target and "
                    + "ddl.create=" + create.configValue() + "; create it, or set ddl.create=apply");
            }
            createTable(connection, table, schema, source);
            return true;
        }
        List<String> sql = new ArrayList<>();
        for (Column c : schema.columns()) {
            if (!existing.contains(c.name())) {
                sql.add(dialect.addColumn(table, c, type(c, source)));
            }
        }
        boolean keyFits = keyFits(connection, table, schema.primaryKey());
        if (sql.isEmpty() && keyFits) {
            return false;
        }
        if (alter != DdlPolicy.APPLY) {
            if (!sql.isEmpty()) {
                throw new MissingTableException("table " + dialect.quote(table) + " lacks columns of the event, and "
                    + "ddl.alter=" + alter.configValue() + "; add them (" + String.join("; ", sql) + "), or set ddl.alter=apply");
            }
            throw new MissingTableException("table " + dialect.quote(table) + " has the primary key "
                + tables.primaryKey(connection, table).columns() + " but the event's is " + schema.primaryKey()
                + ", and ddl.alter=" + alter.configValue() + "; change the key by hand, or set ddl.alter=apply");
        }
        run(connection, table, sql);
        fitKey(connection, table, schema.primaryKey());
        return true;
    }

    /** A create_table event. */
    public void createTable(Connection connection, String table, TableSchema schema, SourceSystem source)
        throws SQLException {
        if (check(create, "ddl.create", "create_table", table)) {
            run(connection, table, List.of(dialect.createTable(table, schema.columns(), schema.primaryKey(),
                c -> type(c, source))));
        }
    }

    /** An alter_table event: renames first, then drops, adds and type changes. */
    public void alterTable(Connection connection, String table, DdlChange ddl, TableSchema after, SourceSystem source)
        throws SQLException {
        if (!check(alter, "ddl.alter", "alter_table", table)) {
            return;
        }
        Set<String> existing = tables.columns(connection, table);
        if (existing.isEmpty()) {
            createTable(connection, table, after, source);
            return;
        }
        List<String> sql = new ArrayList<>();
        for (RenamedColumn r : ddl.renamed()) {
            if (existing.contains(r.from()) && !existing.contains(r.to())) {
                sql.add(dialect.renameColumn(table, r.from(), r.to()));
            }
        }
        for (String d : ddl.dropped()) {
            if (existing.contains(d)) {
                sql.add(dialect.dropColumn(table, d));
            }
        }
        for (Column a : ddl.added()) {
            if (!existing.contains(a.name())) {
                sql.add(dialect.addColumn(table, a, type(a, source)));
            }
        }
        for (ModifiedColumn m : ddl.modified()) {
            if (!type(m.before(), source).equals(type(m.after(), source)) || m.before().nullable() != m.after().nullable()) {
                sql.add(dialect.changeColumnType(table, m.after(), type(m.after(), source),
                    after.primaryKey().contains(m.after().name())));
            }
        }
        run(connection, table, sql);
        fitKey(connection, table, after.primaryKey());
    }

    /** Whether the target table's primary key is {@code key}. */
    private boolean keyFits(Connection connection, String table, List<String> key) throws SQLException {
        return tables.primaryKey(connection, table).columns().equals(key);
    }

    /** Gives the table the primary key {@code key} when its own differs (a key changed by DDL). */
    private void fitKey(Connection connection, String table, List<String> key) throws SQLException {
        TargetTables.PrimaryKey have = tables.primaryKey(connection, table);
        if (!have.columns().equals(key)) {
            LOG.info("Changing the primary key of {} from {} to {}", dialect.quote(table), have.columns(), key);
            run(connection, table, List.of(dialect.changePrimaryKey(table, have.name(), !have.columns().isEmpty(), key)));
        }
    }

    /** A drop_table event. */
    public void dropTable(Connection connection, String table) throws SQLException {
        if (check(drop, "ddl.drop", "drop_table", table)) {
            run(connection, table, List.of(dialect.dropTable(table)));
        }
    }

    /**
     * A rename_table event, under the alter policy; nothing when the old table is gone already (a replay), and a
     * warning when both exist (rows of the new name arrived first and created it): the old table is then left alone.
     */
    public void renameTable(Connection connection, String from, String to) throws SQLException {
        if (!check(alter, "ddl.alter", "rename_table", from) || tables.columns(connection, from).isEmpty()) {
            return;
        }
        if (!tables.columns(connection, to).isEmpty()) {
            LOG.warn("rename_table {} to {}: both tables exist in the target, so {} is left as it is; merge them by hand",
                dialect.quote(from), dialect.quote(to), dialect.quote(from));
            return;
        }
        run(connection, from, List.of(dialect.renameTable(from, to)));
        tables.forget(to);
    }

    /**
     * The target type of a column: its {@code native_type} when the source is of the target's family, native types
     * are on, and the dialect accepts the text; else the portable mapping (SPEC.md §11).
     */
    public String type(Column column, SourceSystem source) {
        if (nativeTypes && column.nativeType() != null && source != null && dialect.sameFamily(source)) {
            Optional<String> nativeType = dialect.nativeType(column);
            if (nativeType.isPresent()) {
                return nativeType.get();
            }
            LOG.info("Column {} is created as {} (the portable mapping of {}), not as its native type {}, which the "
                + "{} target does not take as is", column.name(), dialect.columnType(column.type()), column.type(),
                column.nativeType(), dialect.name());
        }
        return dialect.columnType(column.type());
    }

    private boolean check(DdlPolicy policy, String key, String op, String table) {
        return switch (policy) {
            case APPLY -> true;
            case IGNORE -> false;
            case FAIL -> throw new ConnectException(op + " on table " + dialect.quote(table) + " and " + key
                + "=fail; apply it to the target by hand and set " + key + "=ignore, or set " + key + "=apply");
        };
    }

    private void run(Connection connection, String table, List<String> statements) throws SQLException {
        tables.forget(table);
        for (String sql : statements) {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                if (io.idaas.connect.jdbc.sink.TransientErrors.isTransient(e)) {
                    throw e;
                }
                throw new ConnectException("cannot change table " + dialect.quote(table) + " in the " + dialect.name()
                    + " target with: " + sql + " (" + e.getMessage() + "); apply an equivalent change by hand and "
                    + "restart the task, or set the ddl.* policy of this change to ignore", e);
            }
        }
    }

    /** A table that rows need is missing, or lacks columns, and the policy forbids changing it. */
    public static final class MissingTableException extends RuntimeException {
        public MissingTableException(String message) {
            super(message);
        }
    }
}
