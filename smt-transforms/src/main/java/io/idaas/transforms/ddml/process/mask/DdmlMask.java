package io.idaas.transforms.ddml.process.mask;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.process.ColumnProcessor;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * Masks columns of the selected tables in {@code before}, {@code after} and {@code key} (and in the key of a
 * tombstone on a selected table's topic), by {@code hash} (keyed HMAC-SHA256 as hex; the column becomes
 * {@code string(64)} in the schema, with its fingerprint computed again, and in DDL), {@code redact} (a fixed value of
 * the column's type, {@link Redactions}) or {@code null}. NULL stays NULL.
 *
 * <p>A primary-key column can only be hashed; {@code null} needs a nullable column; {@code redact} refuses a
 * geometry. A transform sees a table's schema only with its events, so these fail the table's first event (DDL
 * included) with a {@link org.apache.kafka.connect.errors.DataException} naming the column, the table and the fix.
 *
 * @param <R> the record type
 */
public class DdmlMask<R extends ConnectRecord<R>> extends ColumnProcessor<R> {

    /** What the transform does, for generated docs. */
    public static final String OVERVIEW_DOC = "Masks columns of DDML events in before, after and key: a keyed HMAC-SHA256 "
        + "hash (the column becomes string(64) in the schema and DDL), a fixed redacted value of the column's type, or NULL.";

    /** The configuration definition. */
    public static final ConfigDef CONFIG_DEF = DdmlMaskConfig.CONFIG_DEF;

    private Masks masks;

    @Override
    public void configure(Map<String, ?> props) {
        DdmlMaskConfig config = new DdmlMaskConfig(props);
        masks = new Masks(config.masks(), config.hashKey() == null ? null : new Hasher(config.hashKey()));
        configure(config.tables(), masks);
    }

    @Override
    protected void check(DdmlEvent event) {
        if (event.schema() != null) {
            masks.check(event.schema());
        }
        if (event.ddl() != null) {
            masks.check(TableSchema.of(event.ddl().added(), List.of()));
        }
    }

    @Override
    protected String failure(String problem) {
        return "DdmlMask cannot mask the table's columns as configured: " + problem + " (key 'columns')";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

}
