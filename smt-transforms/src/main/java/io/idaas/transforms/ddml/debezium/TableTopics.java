package io.idaas.transforms.ddml.debezium;

import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;

/**
 * Where the DDL events of a table go, and whether a table's DDL is emitted at all. A table's DDL events share the topic
 * of its data change events, named by the connector's own topic naming strategy (Debezium sanitises names there: a
 * space becomes {@code _}); DDL of a table the connector does not capture is not emitted.
 *
 * <p>{@link DebeziumTableTopics} implements both with Debezium's own classes: from a wrapped connector's whole
 * configuration ({@link DebeziumTableTopics#ofConnector}), or, for the ToDdml transform, which sees none of it, from
 * Debezium's default strategy of the source system ({@link DebeziumTableTopics#systemDefaults}).
 */
public interface TableTopics {

    /**
     * The topic of the table's data change events.
     *
     * @param schemaChangeTopic the topic of the schema-change record ({@code topic.prefix})
     * @param system            the source system
     * @param table             the table, as the source names it
     */
    String topic(String schemaChangeTopic, SourceSystem system, TableRef table);

    /** Whether the connector captures the table: its DDL events are emitted only then. */
    boolean captured(SourceSystem system, TableRef table);

    /**
     * {@link DebeziumTableTopics#systemDefaults()}, with Debezium's classes loaded at the first DDL event (records
     * without DDL need none of them).
     */
    static TableTopics debeziumDefaults() {
        return new LazyTableTopics();
    }
}
