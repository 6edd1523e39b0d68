package io.idaas.transforms.ddml.debezium;

import io.debezium.config.Configuration;
import io.debezium.config.Field;
import io.debezium.relational.RelationalDatabaseConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.relational.Tables;
import io.debezium.schema.DefaultTopicNamingStrategy;
import io.debezium.schema.SchemaTopicNamingStrategy;
import io.debezium.spi.topic.TopicNamingStrategy;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@link TableTopics} computed by Debezium's own code, so that a table's DDL events land on exactly the topic its data
 * change events do: the connector's {@code TopicNamingStrategy} names the topic of a {@link TableId}
 * ({@code dataChangeTopic}: the prefix, database and/or schema and table joined by {@code topic.delimiter}, every
 * character outside {@code [A-Za-z0-9._-]} replaced by {@code _}, cut to 249 characters), and the connector's table
 * filter ({@code database.include.list}, {@code table.include.list}, their exclude lists) decides what is captured.
 */
public final class DebeziumTableTopics implements TableTopics {

    /** The connector whose tasks name topics with multi-partition mode on (SqlServerConnectorTask does). */
    private static final String SQL_SERVER = "io.debezium.connector.sqlserver.SqlServerConnector";

    private final StrategySource strategies;
    private final Tables.TableFilter filter;

    /** Gives the naming strategy for a schema-change topic (the prefix) and a system. */
    private interface StrategySource {
        TopicNamingStrategy<TableId> strategy(String schemaChangeTopic, SourceSystem system);
    }

    private DebeziumTableTopics(StrategySource strategies, Tables.TableFilter filter) {
        this.strategies = strategies;
        this.filter = filter;
    }

    /**
     * For the ToDdml transform, which sees no connector configuration: Debezium's default strategy of each system
     * with {@code topic.prefix} = the schema-change topic and every other topic setting at its default
     * ({@code topic.delimiter} {@code .}): {@code DefaultTopicNamingStrategy} for MySQL and MariaDB (prefix, database,
     * table), {@code SchemaTopicNamingStrategy} for the others (prefix, schema, table; SQL Server also the database).
     * Every table counts as captured.
     */
    public static TableTopics systemDefaults() {
        Map<String, TopicNamingStrategy<TableId>> cache = new ConcurrentHashMap<>();
        StrategySource source = (prefix, system) -> cache.computeIfAbsent(system.wireName() + '\u0000' + prefix,
            k -> defaultStrategy(prefix, system));
        return new DebeziumTableTopics(source, null);
    }

    @SuppressWarnings("unchecked")
    private static TopicNamingStrategy<TableId> defaultStrategy(String prefix, SourceSystem system) {
        Properties props = new Properties();
        props.setProperty("topic.prefix", prefix);
        return switch (system) {
            case MYSQL, MARIADB -> (TopicNamingStrategy<TableId>) (TopicNamingStrategy<?>) new DefaultTopicNamingStrategy(props);
            case SQLSERVER -> (TopicNamingStrategy<TableId>) (TopicNamingStrategy<?>) new SchemaTopicNamingStrategy(props, true);
            default -> (TopicNamingStrategy<TableId>) (TopicNamingStrategy<?>) new SchemaTopicNamingStrategy(props);
        };
    }

    /**
     * For a wrapped Debezium connector, from its whole configuration, as its task does: the connector's config class
     * ({@code <connector class>Config}, e.g. {@code MariaDbConnectorConfig}) built from {@code props}, its
     * {@code getTopicNamingStrategy(TOPIC_NAMING_STRATEGY)} (so {@code topic.naming.strategy}, {@code topic.prefix} and
     * {@code topic.delimiter} apply) and its {@code getTableFilters().dataCollectionFilter()}.
     *
     * @return empty when the connector has no relational Debezium config class (then {@link #systemDefaults()} applies)
     * @throws ConfigException when the configuration does not build
     */
    @SuppressWarnings("unchecked")
    public static java.util.Optional<TableTopics> ofConnector(String connectorClass, Map<String, String> props,
                                                              ClassLoader loader) {
        Class<?> configClass;
        try {
            configClass = Class.forName(connectorClass + "Config", true, loader);
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
        if (!RelationalDatabaseConnectorConfig.class.isAssignableFrom(configClass)) {
            return java.util.Optional.empty();
        }
        try {
            RelationalDatabaseConnectorConfig config = (RelationalDatabaseConnectorConfig) configClass
                .getConstructor(Configuration.class).newInstance(Configuration.from(props));
            Field field = (Field) configClass.getField("TOPIC_NAMING_STRATEGY").get(null);
            TopicNamingStrategy<TableId> strategy = (TopicNamingStrategy<TableId>) (TopicNamingStrategy<?>)
                config.getTopicNamingStrategy(field, SQL_SERVER.equals(connectorClass));
            Tables.TableFilter filter = config.getTableFilters().dataCollectionFilter();
            return java.util.Optional.of(new DebeziumTableTopics((prefix, system) -> strategy, filter));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
                ? ite.getCause() : e;
            throw new ConfigException("cannot build the topic naming strategy and table filter of " + connectorClass
                + " from its configuration: " + cause);
        }
    }

    @Override
    public String topic(String schemaChangeTopic, SourceSystem system, TableRef table) {
        return strategies.strategy(schemaChangeTopic, system).dataChangeTopic(tableId(table));
    }

    @Override
    public boolean captured(SourceSystem system, TableRef table) {
        return filter == null || filter.isIncluded(tableId(table));
    }

    private static TableId tableId(TableRef table) {
        return new TableId(table.database(), table.schema(), table.table());
    }
}
