package io.idaas.transforms.ddml.process.columns;

import io.idaas.transforms.ddml.process.ColumnMapping;
import io.idaas.transforms.ddml.process.ColumnProcessor;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Drops, keeps or renames columns of the selected tables in the whole DDML event ({@link io.idaas.transforms.ddml.process.EventRewriter}): rows, key,
 * changed columns, the table schema with its fingerprint computed again, and every DDL event (added, dropped,
 * modified, renamed columns, the primary key, the create_table column list). A DDL event it changes loses its
 * {@code statement}, which would no longer describe it.
 *
 * <p>A primary-key column cannot be dropped (the sinks write rows by key), and a rename cannot give a table two
 * columns of one name; both are known on a table's first event, which then fails with a {@link org.apache.kafka.connect.errors.DataException} naming
 * the column, the table and the fix. A tombstone on the topic of a selected table has its key columns renamed, so it
 * still matches the key of the rows it follows.
 *
 * @param <R> the record type
 */
public class DdmlColumns<R extends ConnectRecord<R>> extends ColumnProcessor<R> {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Drops, keeps or renames columns of DDML events consistently: rows, key, "
        + "changed columns, the table schema and its fingerprint, and DDL events.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = DdmlColumnsConfig.CONFIG_DEF;

    /** The mapping of names: keep, then drop, then rename. */
    private record Names(Set<String> keep, Set<String> drop, Map<String, String> rename) implements ColumnMapping {
        @Override
        public String name(String column) {
            if (!keep.isEmpty() && !keep.contains(column) || drop.contains(column)) {
                return null;
            }
            return rename.getOrDefault(column, column);
        }
    }

    @Override
    public void configure(Map<String, ?> props) {
        DdmlColumnsConfig config = new DdmlColumnsConfig(props);
        configure(config.tables(), new Names(config.keep(), config.drop(), config.rename()));
    }

    @Override
    protected String failure(String problem) {
        return "DdmlColumns cannot apply drop/keep/rename to the table: " + problem + ". Fix drop, keep or rename (a "
            + "primary-key column must be kept; a new name must not be a column the table keeps)";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}
