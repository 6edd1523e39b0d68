package io.idaas.transforms.ddml.debezium;

import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;

/**
 * {@link DebeziumTableTopics#systemDefaults()} made at first use, so that Debezium's classes are loaded only when a
 * schema-change event needs them. Not thread-safe: one per connector task.
 */
final class LazyTableTopics implements TableTopics {

    private TableTopics delegate;

    @Override
    public String topic(String schemaChangeTopic, SourceSystem system, TableRef table) {
        return delegate().topic(schemaChangeTopic, system, table);
    }

    @Override
    public boolean captured(SourceSystem system, TableRef table) {
        return delegate().captured(system, table);
    }

    private TableTopics delegate() {
        if (delegate == null) {
            try {
                delegate = DebeziumTableTopics.systemDefaults();
            } catch (LinkageError e) {
                throw new IllegalStateException("a table's DDL events go to the topic Debezium names for the table, "
                    + "computed with Debezium's own classes, which idaas's class loader cannot load (" + e + "); install "
                    + "idaas's plugin bundle, which holds the Debezium connectors, or put the Debezium connector's jars "
                    + "in the same plugin folder as idaas's jars", e);
            }
        }
        return delegate;
    }
}
