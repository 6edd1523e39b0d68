package io.idaas.examples.processor;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.TypeKind;
import io.idaas.examples.ExampleVersion;
import io.idaas.transforms.ddml.process.ColumnMapping;
import io.idaas.transforms.ddml.process.ColumnProcessor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * An example DDML processor (docs/extending.md, part 1): upper-cases the values of the named text columns of the
 * selected tables, in {@code before} and {@code after} alike, on either side of Kafka.
 *
 * <p>What it promises, on top of what every DDML processor promises ({@code DdmlTransformation}):
 * <ul>
 *   <li>The column keeps its definition: the table schema, its fingerprint and DDL events pass unchanged, since an
 *       upper-cased text is still a value of the column's type, except when it grows: a value whose upper case is
 *       longer (German {@code ß} becomes {@code SS}) than a {@code string(n)} column holds fails its record, naming the
 *       column and the fix, rather than handing a target a value its column refuses.</li>
 *   <li>A column that is not text, or is part of the primary key (two keys differing only in case would merge into one
 *       row at the target), fails the table's first event with a {@code DataException} naming the column, the table
 *       and the fix; so does a DDL event that makes such a column of it (a type change to a number, a new key).</li>
 *   <li>NULL stays NULL; {@code changed} is kept as the source gave it.</li>
 * </ul>
 *
 * <p>It is a {@link ColumnProcessor}: it says what happens to one column ({@link ColumnMapping}), and the base applies it
 * to the rows, the key, the schema and the DDL of every event of a selected table, and writes the record back as
 * {@code ToDdml} writes one.
 *
 * @param <R> the record type
 */
public class UppercaseColumn<R extends ConnectRecord<R>> extends ColumnProcessor<R> {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Upper-cases the values of text columns of DDML events in before and "
        + "after, keeping the table schema and DDL as they are.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = UppercaseColumnConfig.CONFIG_DEF;

    private Upper upper;

    @Override
    public void configure(Map<String, ?> props) {
        UppercaseColumnConfig config = new UppercaseColumnConfig(props);
        upper = new Upper(config.columns());
        configure(config.tables(), upper);
    }

    /** Before any value is changed: the named columns the event's table has must be text, and not in its key. */
    @Override
    protected void check(DdmlEvent event) {
        if (event.schema() != null) {
            upper.check(event.schema());
        }
        if (event.ddl() != null) {
            for (Column added : event.ddl().added()) {
                upper.checkType(added);
            }
            for (ModifiedColumn m : event.ddl().modified()) {
                upper.checkType(m.after());
            }
        }
    }

    @Override
    protected String failure(String problem) {
        return "UppercaseColumn cannot upper-case the table's columns as configured: " + problem + " (key 'columns')";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** This plugin's own version (DdmlTransformation's would be smt-transforms' version). */
    @Override
    public String version() {
        return ExampleVersion.get();
    }

    /** The column mapping: names and definitions kept, values of the named columns upper-cased. */
    record Upper(Set<String> columns) implements ColumnMapping {

        @Override
        public String name(String column) {
            return column;
        }

        @Override
        public Object value(Column column, Object value) {
            if (value == null || !columns.contains(column.name())) {
                return value;
            }
            String upper = ((String) value).toUpperCase(Locale.ROOT);
            Integer max = column.type().length();
            if (max != null && upper.codePointCount(0, upper.length()) > max) {
                throw new IllegalArgumentException("column '" + column.name() + "' is a " + column.type() + ", and the "
                    + "upper case of a value is " + upper.codePointCount(0, upper.length()) + " characters long ('"
                    + upper + "'): widen the column at the source, or leave it out of columns");
            }
            return upper;
        }

        /** The definitions do not change, so only the rows can: every table that has a named column is touched. */
        @Override
        public boolean touches(TableSchema schema) {
            return schema.columns().stream().anyMatch(c -> columns.contains(c.name()));
        }

        void check(TableSchema schema) {
            for (Column c : schema.columns()) {
                if (!columns.contains(c.name())) {
                    continue;
                }
                checkType(c);
                if (schema.primaryKey().contains(c.name())) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is in the primary key "
                        + schema.primaryKey() + ", and keys that differ only in case would become one row at the "
                        + "target: leave it out of columns");
                }
            }
        }

        void checkType(Column c) {
            if (columns.contains(c.name()) && c.type().kind() != TypeKind.STRING) {
                throw new IllegalArgumentException("column '" + c.name() + "' is a " + c.type() + ", not text "
                    + "(string or string(n)): leave it out of columns");
            }
        }
    }
}
