package io.idaas.connect.jdbc.ddl;

import io.idaas.connect.sink.DdlPolicy;
import io.idaas.connect.sink.SinkMetrics;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies definition changes to the target under the {@code ddl.*} policies, and makes a table fit the rows of a DML
 * event (creating it, adding the columns it lacks). Every statement is safe to run again after a crash: tables are
 * created IF NOT EXISTS and columns are added, dropped or renamed only when the target still needs it.
 *
 * <p>Columns carry the source's default as {@link ColumnDefaults} translates it, so a column added to a table with
 * rows gives them the value the source gave its rows; where the target cannot (a clock or random default, or one it
 * cannot evaluate) the difference is logged and counted ({@link SinkMetrics#BACKFILL_DIFFERENCES_TOTAL}). A table
 * that lacks {@link Dialect#POSITION_COLUMN} (created by its user) gets it under {@code ddl.alter=apply}; else, or
 * when the target refuses the ALTER, it is written without the position guard, with a warning. A statement the
 * target refuses throws an {@link SQLException} naming the statement, so the record goes to the dead-letter topic
 * (or fails the task) like a row the target refuses.
 */
public final class SchemaChanges {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChanges.class);

    private final Dialect dialect;
    private final TargetTables tables;
    private final DdlPolicy create;
    private final DdlPolicy alter;
    private final DdlPolicy drop;
    private final boolean nativeTypes;
    private final ColumnDefaults defaults;
    private final SinkMetrics metrics;
    /** Tables whose ALTER adding the position column the target refused: written without the guard. */
    private final Set<String> positionRefused = new HashSet<>();

    public SchemaChanges(Dialect dialect, TargetTables tables, DdlPolicy create, DdlPolicy alter, DdlPolicy drop,
                         boolean nativeTypes) {
        this(dialect, tables, create, alter, drop, nativeTypes, SinkMetrics.register(null));
    }

    public SchemaChanges(Dialect dialect, TargetTables tables, DdlPolicy create, DdlPolicy alter, DdlPolicy drop,
                         boolean nativeTypes, SinkMetrics metrics) {
        this.dialect = dialect;
        this.nativeTypes = nativeTypes;
        this.tables = tables;
        this.create = create;
        this.alter = alter;
        this.drop = drop;
        this.defaults = new ColumnDefaults(dialect);
        this.metrics = metrics;
    }

    /**
     * Forgets what is known of the target's tables, after a rollback that undid DDL (a target whose DDL is
     * transactional, PostgreSQL: a table created or altered in the rolled-back transaction is gone again).
     */
    public void forgetTables() {
        tables.forgetAll();
    }

    /**
     * Whether {@code table} exists and has every column of {@code schema} and its key, and the position column or no
     * way to get it: nothing for {@link #fitForRows} to change.
     */
    public boolean fits(Connection connection, String table, TableSchema schema) throws SQLException {
        Set<String> existing = tables.columns(connection, table);
        return !existing.isEmpty() && schema.columns().stream().allMatch(c -> existing.contains(c.name()))
            && keyFits(connection, table, schema.primaryKey()) && !addsPositionColumn(existing, table);
    }

    /**
     * Whether rows of {@code table} are written with the position guard: the table has {@link Dialect#POSITION_COLUMN}.
     * The first time a table is found without it, a warning says what that means.
     */
    public boolean guarded(Connection connection, String table) throws SQLException {
        if (tables.columns(connection, table).contains(Dialect.POSITION_COLUMN)) {
            metrics.guarded(table);
            return true;
        }
        if (metrics.unguarded(table)) {
            LOG.warn("Table {} has no {} column ({}), so its rows are written without the position guard: an upsert "
                    + "or delete always applies, and only the offsets table keeps a replay from applying a change twice. "
                    + "To have the guard, add the column: {}", dialect.quote(table), Dialect.POSITION_COLUMN,
                positionRefused.contains(table) ? "the target refused to add it" : "ddl.alter=" + alter.configValue(),
                dialect.addPositionColumn(table));
        }
        return false;
    }

    private boolean addsPositionColumn(Set<String> existing, String table) {
        return !existing.contains(Dialect.POSITION_COLUMN) && alter == DdlPolicy.APPLY && !positionRefused.contains(table);
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
        List<Column> missing = schema.columns().stream().filter(c -> !existing.contains(c.name())).toList();
        boolean keyFits = keyFits(connection, table, schema.primaryKey());
        boolean position = addsPositionColumn(existing, table);
        if (missing.isEmpty() && keyFits && !position) {
            return false;
        }
        if (alter != DdlPolicy.APPLY) {
            if (!missing.isEmpty()) {
                List<String> sql = missing.stream().map(c -> dialect.addColumn(table, c, type(c, source))).toList();
                throw new MissingTableException("table " + dialect.quote(table) + " lacks columns of the event, and "
                    + "ddl.alter=" + alter.configValue() + "; add them (" + String.join("; ", sql) + "), or set ddl.alter=apply");
            }
            throw new MissingTableException("table " + dialect.quote(table) + " has the primary key "
                + tables.primaryKey(connection, table).columns() + " but the event's is " + schema.primaryKey()
                + ", and ddl.alter=" + alter.configValue() + "; change the key by hand, or set ddl.alter=apply");
        }
        if (position) {
            addPositionColumn(connection, table);
        }
        run(connection, table, addColumns(connection, table, missing, schema, existing, source, null));
        fitKey(connection, table, schema.primaryKey());
        return true;
    }

    /** Adds the position column to a table that lacks it; a refusal (e.g. no ALTER privilege) leaves it unguarded. */
    private void addPositionColumn(Connection connection, String table) throws SQLException {
        String sql = dialect.addPositionColumn(table);
        java.sql.Savepoint before = dialect.transactionalDdl() ? connection.setSavepoint() : null;
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
            LOG.info("Added the position column to table {}, which lacked it: {}", dialect.quote(table), sql);
        } catch (SQLException e) {
            if (io.idaas.connect.jdbc.sink.TransientErrors.isTransient(e)) {
                throw e;
            }
            if (before != null) {
                connection.rollback(before);
            }
            positionRefused.add(table);
            LOG.warn("The target refused to add the position column to table {} ({}): {}", dialect.quote(table),
                e.getMessage(), sql);
        } finally {
            tables.forget(table);
        }
    }

    /**
     * The statements that add {@code added} (columns of {@code schema}) to a table that has {@code existing}: each with
     * its default and, where the target places columns, after the column it follows in the source. A default that
     * cannot give existing rows the source's values is logged and counted when the table has rows; a NOT NULL column
     * whose default is not carried is then added NULL-able (its existing rows have no value).
     */
    private List<String> addColumns(Connection connection, String table, List<Column> added, TableSchema schema,
                                    Set<String> existing, SourceSystem source, String statement) throws SQLException {
        List<String> sql = new ArrayList<>();
        Set<String> present = new HashSet<>(existing);
        Boolean hasRows = null;
        for (Column c : added) {
            boolean generated = isGenerated(statement, c.name());
            ColumnDefaults.TargetDefault d = generated
                ? new ColumnDefaults.TargetDefault(ColumnDefaults.Kind.NOT_CARRIED, null, null,
                    "the source computed the generated column for its existing rows; the target column is a plain one")
                : defaults.forAddedColumn(c, source);
            boolean differs = d.kind() == ColumnDefaults.Kind.VOLATILE || d.kind() == ColumnDefaults.Kind.NOT_CARRIED;
            if (differs && hasRows == null) {
                hasRows = hasRows(connection, table);
            }
            boolean backfillDiffers = differs && hasRows;
            Column column = backfillDiffers && d.sql() == null && !c.nullable() ? nullable(c) : c;
            String type = type(c, source);
            sql.add(dialect.addColumn(table, column, type, d.sql(), after(schema, c.name(), present)));
            if (d.kind() == ColumnDefaults.Kind.CONSTANT && d.source() == null) {
                sql.add(dialect.dropDefault(table, c.name())); // the implicit default of MariaDB/MySQL filled the rows
            }
            present.add(c.name());
            if (backfillDiffers) {
                long count = metrics.backfillDiffered();
                LOG.warn("Column {}.{} is added ({}), and the target cannot give the table's existing rows the values the "
                        + "source gave its rows: {}; neither the binlog nor the WAL carries the values the source filled in. "
                        + "Rows the source changes later arrive whole and heal; until then they differ (idaas verify lists "
                        + "them). {} such column(s) added by this task since it started.",
                    dialect.quote(table), dialect.quote(c.name()), generated ? "a generated column" : "default " + d.source(),
                    d.sql() != null ? "they get the target's own value of " + d.sql()
                        : "they are NULL (" + d.reason() + (column != c ? "; so the column is added NULL-able" : "") + ")",
                    count);
            } else if (d.kind() == ColumnDefaults.Kind.NOT_CARRIED && !generated) {
                LOG.info("Column {}.{} is added without the source's default {}: {}", dialect.quote(table),
                    dialect.quote(c.name()), d.source(), d.reason());
            }
        }
        return sql;
    }

    /**
     * Whether {@code statement} (MariaDB's or MySQL's, as captured) defines {@code column} as a generated one:
     * {@code name type [GENERATED ALWAYS] AS (expression)}. PostgreSQL's generated columns are not in its log.
     */
    static boolean isGenerated(String statement, String column) {
        if (statement == null) {
            return false;
        }
        String name = "(?:`" + java.util.regex.Pattern.quote(column.replace("`", "``")) + "`|(?<![\\w`])"
            + java.util.regex.Pattern.quote(column) + "(?![\\w`]))";
        return java.util.regex.Pattern.compile(name + "\\s+[^,;]*?\\b(?:GENERATED\\s+ALWAYS\\s+)?AS\\s*\\(",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL).matcher(statement).find();
    }

    private boolean hasRows(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(dialect.anyRow(table))) {
            return rs.next();
        }
    }

    /** The column a column follows in the source's table: "" when it is the first, null when that one is not there. */
    private static String after(TableSchema schema, String column, Set<String> present) {
        List<Column> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                if (i == 0) {
                    return "";
                }
                String before = columns.get(i - 1).name();
                return present.contains(before) ? before : null;
            }
        }
        return null;
    }

    private static Column nullable(Column c) {
        return new Column(c.name(), c.type(), c.nativeType(), true, c.defaultValue(), c.length(), c.precision(), c.scale());
    }

    /** The DEFAULT expression of a column in a new table: none when the source's is not carried. */
    private String createDefault(String table, Column c, SourceSystem source) {
        ColumnDefaults.TargetDefault d = defaults.of(c, source);
        if (d.kind() == ColumnDefaults.Kind.NOT_CARRIED) {
            LOG.info("Column {}.{} is created without the source's default {}: {}", dialect.quote(table),
                dialect.quote(c.name()), d.source(), d.reason());
        }
        return d.sql();
    }

    /** A create_table event. */
    public void createTable(Connection connection, String table, TableSchema schema, SourceSystem source)
        throws SQLException {
        if (check(create, "ddl.create", "create_table", table)) {
            run(connection, table, List.of(dialect.createTable(table, schema.columns(), schema.primaryKey(),
                c -> type(c, source), c -> createDefault(table, c, source))));
        }
    }

    /**
     * An alter_table event: renames first, one after another (after dropping a column whose name a rename takes), then
     * drops, adds (with their defaults, placed after the column they follow where the target places columns: the columns
     * the event names as added and any other column of its schema the table lacks) and type, nullability and default
     * changes, then the primary key. Each step only where the target still needs it.
     */
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
        Set<String> present = new HashSet<>(existing);
        Map<String, String> renamedTo = new HashMap<>();
        ddl.renamed().forEach(r -> renamedTo.put(r.to(), r.from()));
        // A dropped column whose name a rename takes goes first (SPEC.md section 7), while the renamed column is still
        // under its old name (else the rename was applied already, and the column of that name is the renamed one).
        for (String d : ddl.dropped()) {
            if (renamedTo.containsKey(d) && present.contains(renamedTo.get(d)) && present.remove(d)) {
                sql.add(dialect.dropColumn(table, d));
            }
        }
        for (RenamedColumn r : ddl.renamed()) { // one after another: a chain (b to c, then a to b) is in that order
            if (present.contains(r.from()) && !present.contains(r.to())) {
                sql.add(dialect.renameColumn(table, r.from(), r.to()));
                present.remove(r.from());
                present.add(r.to());
            }
        }
        for (String d : ddl.dropped()) {
            if (!renamedTo.containsKey(d) && present.remove(d)) {
                sql.add(dialect.dropColumn(table, d));
            }
        }
        // The added columns, in table order: those of the event's schema (the authority, SPEC.md section 7) the table
        // lacks, which holds those the event names. An alter_table read again after a source connector restarted may
        // name none (SPEC.md section 7); one named but not in the schema is added as named.
        List<Column> added = new ArrayList<>(after.columns().stream().filter(c -> !present.contains(c.name())).toList());
        ddl.added().stream().filter(a -> !present.contains(a.name()) && after.column(a.name()).isEmpty()).forEach(added::add);
        List<String> unnamed = added.stream().map(Column::name)
            .filter(n -> ddl.added().stream().noneMatch(a -> a.name().equals(n))).toList();
        if (!unnamed.isEmpty()) {
            LOG.info("alter_table of {} does not name {} column(s) of its schema the table lacks: adding {}",
                dialect.quote(table), unnamed.size(), unnamed);
        }
        sql.addAll(addColumns(connection, table, added, after, present, source, ddl.statement()));
        for (ModifiedColumn m : ddl.modified()) {
            String type = type(m.after(), source);
            boolean retyped = !type(m.before(), source).equals(type) || m.before().nullable() != m.after().nullable();
            String before = defaults.of(m.before(), source).sql();
            String now = defaults.of(m.after(), source).sql();
            if (retyped) {
                sql.add(dialect.changeColumnType(table, m.after(), type, after.primaryKey().contains(m.after().name()), now));
            }
            if (!java.util.Objects.equals(before, now) && !(retyped && dialect.typeChangeRestatesDefault())) {
                // A new default changes no existing row, at the source as here.
                sql.add(now == null ? dialect.dropDefault(table, m.after().name())
                    : dialect.setDefault(table, m.after().name(), now, type));
            }
        }
        run(connection, table, sql);
        fitKey(connection, table, after.primaryKey());
    }

    /**
     * The columns of {@code schema} that {@code table} lacks; none when the table does not exist (it is then created for
     * the rows as usual).
     */
    public List<String> missingColumns(Connection connection, String table, TableSchema schema) throws SQLException {
        Set<String> existing = tables.columns(connection, table);
        return existing.isEmpty() ? List.of()
            : schema.columns().stream().map(Column::name).filter(c -> !existing.contains(c)).toList();
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
     * A rename_table event, under the alter policy; nothing when the old table is gone already (a replay) or both names
     * give the same target table, and a warning when both exist (rows of the new name arrived first and created it): the
     * old table is then left alone.
     *
     * @return whether the alter policy applies renames (false under {@code ddl.alter=ignore})
     */
    public boolean renameTable(Connection connection, String from, String to) throws SQLException {
        if (!check(alter, "ddl.alter", "rename_table", from)) {
            return false;
        }
        if (from.equals(to) || tables.columns(connection, from).isEmpty()) {
            return true;
        }
        if (!tables.columns(connection, to).isEmpty()) {
            LOG.warn("rename_table {} to {}: both tables exist in the target, so {} is left as it is; merge them by hand",
                dialect.quote(from), dialect.quote(to), dialect.quote(from));
            return true;
        }
        run(connection, from, List.of(dialect.renameTable(from, to)));
        tables.forget(to);
        return true;
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
                throw new SQLException("cannot change table " + dialect.quote(table) + " in the " + dialect.name()
                    + " target with: " + sql + " (" + e.getMessage() + "); apply an equivalent change by hand (rows that "
                    + "need it fail until then), or set the ddl.* policy of this change to ignore", e.getSQLState(),
                    e.getErrorCode(), e);
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
