package io.idaas.e2e.ddml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlEvent;
import io.idaas.e2e.ConnectRest;
import io.idaas.stack.LocalStack;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Captures one table through a source connector registered over the Connect REST API: its snapshot, as DDML. */
final class DdmlCapture {

    private DdmlCapture() {
    }

    /**
     * Registers {@code connector} limited to {@code qualifiedTable} (e.g. {@code idaas.t} or {@code public.t}), reads the
     * {@code rows} DML events of its snapshot from {@code topic}, deletes the connector, and returns the events by id.
     */
    static List<DdmlEvent> snapshot(LocalStack stack, ObjectNode connector, String qualifiedTable, String topic, int rows) {
        ((ObjectNode) connector.get("config")).put("table.include.list", qualifiedTable);
        String name = connector.get("name").asText();
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        connect.create(connector);
        try (DdmlTopicReader reader = new DdmlTopicReader(stack.kafka().bootstrapServers(), topic)) {
            connect.awaitRunning(name, Duration.ofSeconds(60));
            List<DdmlEvent> events = TypeMatrixContract.dml(reader.readUntil(all -> TypeMatrixContract.dml(all).size() >= rows, Duration.ofSeconds(90)));
            if (events.size() != rows) {
                throw new AssertionError("expected " + rows + " rows of " + qualifiedTable + " on " + topic + ", got " + events.size());
            }
            return events.stream().sorted(Comparator.comparingInt(e -> ((Number) e.dml().after().get("id")).intValue())).toList();
        } finally {
            connect.delete(name);
        }
    }
}
