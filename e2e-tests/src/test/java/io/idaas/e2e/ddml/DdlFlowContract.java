package io.idaas.e2e.ddml;

import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.EventKind;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.RenamedColumn;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDL flows as DDML DDL events, in order with the DML around it, on the table's own topic: create table, add,
 * rename, retype and drop a column, each followed by an insert, then drop table.
 */
@ExtendWith(LocalStackExtension.class)
abstract class DdlFlowContract {

    /** The source database under test. */
    abstract SourceDatabase source();

    /** The statements that change the table, in this source's dialect. */
    abstract List<String> statements(String table);

    /** The events expected on the topic, summarised by {@link #summary(DdmlEvent)}. */
    abstract List<String> expected();

    /** How many events {@link #expected()} lists. */
    int expectedCount() {
        return expected().size();
    }

    @Test
    void ddlArrivesAsDdmlEventsInOrderWithTheRowsAroundIt(LocalStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "ddl_" + run;
        String prefix = "ddl_" + run;
        String connector = "ddl-" + run;
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        try (Connection db = source().open(stack); Statement sql = db.createStatement()) {
            String marker = "marker_" + connector.replace('-', '_');
            // Before the connector starts: Debezium's binlog snapshot lists the tables before it locks and reads the
            // binlog position, so a table created in between is past that position yet unknown to the connector.
            sql.execute("CREATE TABLE " + marker + " (id INT PRIMARY KEY)");
            connect.create(source().connector(stack, source().ddmlConfig(), connector, prefix));
            connect.awaitRunning(connector, Duration.ofSeconds(60));
            awaitStreaming(stack, db, prefix, marker, connector);
            try (DdmlTopicReader topic = new DdmlTopicReader(stack.kafka().bootstrapServers(), source().topicOf(stack, prefix, table))) {
                for (String statement : statements(table)) {
                    sql.execute(statement);
                }
                List<DdmlEvent> events = topic.readUntil(all -> all.size() >= expectedCount(), Duration.ofSeconds(90));
                assertThat(events.stream().map(DdlFlowContract::summary).toList()).containsExactlyElementsOf(expected());
                assertThat(events).extracting(e -> e.position().sortable()).isSorted();
            }
        } finally {
            connect.delete(connector);
        }
    }

    /** Waits until the connector streams (its snapshot is done), by inserting into a marker table created before it. */
    void awaitStreaming(LocalStack stack, Connection db, String prefix, String marker, String connector) throws Exception {
        awaitStreaming(source(), stack, db, prefix, marker, connector);
    }

    /** Waits until {@code connector} on {@code source} streams, by inserting into a marker table created before it. */
    static void awaitStreaming(SourceDatabase source, LocalStack stack, Connection db, String prefix, String marker,
                               String connector) throws Exception {
        try (Statement sql = db.createStatement();
             DdmlTopicReader topic = new DdmlTopicReader(stack.kafka().bootstrapServers(), source.topicOf(stack, prefix, marker))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int id = 0;
            while (System.nanoTime() < deadline) {
                sql.execute("INSERT INTO " + marker + " VALUES (" + (++id) + ")");
                if (topic.readUntil(all -> all.stream().anyMatch(e -> e.kind() == EventKind.DML), Duration.ofSeconds(3))
                        .stream().anyMatch(e -> e.kind() == EventKind.DML)) {
                    return;
                }
            }
            throw new AssertionError("connector " + connector + " did not stream a change of " + marker + " within 90 s");
        }
    }

    /** {@code dml:insert:<id>} or {@code ddl:<op>[ +added][ -dropped][ ~modified:type][ >from:to]}. */
    static String summary(DdmlEvent e) {
        if (e.kind() == EventKind.DML) {
            Object id = e.dml().after() != null && e.dml().after().has("id") ? e.dml().after().get("id") : e.dml().key().get("id");
            return "dml:" + e.dml().op().wireName() + ":" + id;
        }
        DdlChange d = e.ddl();
        StringBuilder s = new StringBuilder("ddl:" + d.op().wireName());
        d.added().forEach(c -> s.append(" +").append(c.name()));
        d.dropped().forEach(c -> s.append(" -").append(c));
        for (ModifiedColumn m : d.modified()) {
            s.append(" ~").append(m.after().name()).append(':').append(m.after().type());
        }
        for (RenamedColumn r : d.renamed()) {
            s.append(" >").append(r.from()).append(':').append(r.to());
        }
        return s.toString();
    }
}
