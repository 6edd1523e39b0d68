package io.idaas.transforms.ddml.source;

import io.idaas.transforms.ddml.Versions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Wraps a source connector (a Debezium connector) so that its records leave as DDML records, with the
 * DDL derived from PostgreSQL shape changes emitted just before the DML record that revealed it, DDL
 * events only for the tables the wrapped connector captures (its own table filter), on the topic its
 * own naming strategy gives the table's rows: what a single-message transform, which sees one record at
 * a time and only its own keys, cannot do. Configuration: {@code ddml.delegate.connector.class}
 * names the wrapped connector; every key not starting with {@code ddml.} is passed to it; the
 * ToDdml settings are available with the {@code ddml.} prefix ({@code ddml.tombstones}, ...).
 * The connector only validates and hands out task configurations; {@link DdmlSourceTask} does the work.
 */
public class DdmlSourceConnector extends SourceConnector {

    private SourceConnector delegate;
    private volatile ConfigDef lastDelegateConfigDef;
    private Map<String, String> ownProps = Map.of();

    @Override
    public void start(Map<String, String> props) {
        DdmlSourceConfig config = new DdmlSourceConfig(props);
        delegate = Delegates.instantiate(config.delegateClass(), SourceConnector.class, DdmlSourceConfig.DELEGATE_CLASS_CONFIG);
        delegate.initialize(context());
        delegate.start(DdmlSourceConfig.delegateProps(props));
        ownProps = DdmlSourceConfig.ownProps(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DdmlSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> task : delegate.taskConfigs(maxTasks)) {
            Map<String, String> props = new HashMap<>(task);
            props.putAll(ownProps);
            props.put(DdmlSourceConfig.DELEGATE_TASK_CLASS, delegate.taskClass().getName());
            out.add(props);
        }
        return out;
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
    }

    /** The wrapper's keys, plus the delegate's once a validation or a start has named the delegate. */
    @Override
    public ConfigDef config() {
        ConfigDef merged = new ConfigDef(DdmlSourceConfig.CONFIG_DEF);
        ConfigDef theirs = delegate != null ? delegate.config() : lastDelegateConfigDef;
        if (theirs != null) {
            theirs.configKeys().values().forEach(k -> {
                if (!merged.configKeys().containsKey(k.name)) {
                    merged.define(k);
                }
            });
        }
        return merged;
    }

    /** Validates the wrapper's keys and, when the delegate class is valid, the delegate's own configuration. */
    @Override
    public Config validate(Map<String, String> props) {
        Map<String, ConfigValue> own = DdmlSourceConfig.CONFIG_DEF.validateAll(DdmlSourceConfig.ownProps(props));
        List<ConfigValue> values = new ArrayList<>(own.values());
        ConfigValue delegateClass = own.get(DdmlSourceConfig.DELEGATE_CLASS_CONFIG);
        if (delegateClass.errorMessages().isEmpty() && delegateClass.value() != null) {
            try {
                SourceConnector d = Delegates.instantiate(delegateClass.value().toString(), SourceConnector.class,
                    DdmlSourceConfig.DELEGATE_CLASS_CONFIG);
                lastDelegateConfigDef = d.config();
                values.addAll(d.validate(DdmlSourceConfig.delegateProps(props)).configValues());
            } catch (RuntimeException e) {
                delegateClass.addErrorMessage(e.getMessage());
            }
        }
        return new Config(values);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        return delegateFor(props).exactlyOnceSupport(DdmlSourceConfig.delegateProps(props));
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> props) {
        return delegateFor(props).canDefineTransactionBoundaries(DdmlSourceConfig.delegateProps(props));
    }

    @Override
    public boolean alterOffsets(Map<String, String> props, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return delegateFor(props).alterOffsets(DdmlSourceConfig.delegateProps(props), offsets);
    }

    private SourceConnector delegateFor(Map<String, String> props) {
        if (delegate != null) {
            return delegate;
        }
        return Delegates.instantiate(new DdmlSourceConfig(props).delegateClass(), SourceConnector.class,
            DdmlSourceConfig.DELEGATE_CLASS_CONFIG);
    }

    @Override
    public String version() {
        return Versions.version();
    }
}
