package io.idaas.e2e.mongodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.e2e.ConnectRest;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.pipeline.DeadLetters;
import io.idaas.stack.LocalStack;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped configs for a table a test made itself: {@code <source>-ddml-source} capturing what
 * {@code table.include.list} names, then {@code <source>-to-mongodb} into a database of its own. {@link #close} deletes
 * both connectors and what the source leaves in the database.
 */
final class OneTableToMongo implements AutoCloseable {

    private final LocalStack stack;
    private final SourceDatabase db;
    private final String prefix;
    private final ConnectRest connect;

    /** Creates the source connector with {@code tableIncludeList} and awaits it running. */
    OneTableToMongo(LocalStack stack, SourceDatabase db, String prefix, String tableIncludeList) {
        this.stack = stack;
        this.db = db;
        this.prefix = prefix;
        this.connect = new ConnectRest(stack.connect().restUrl());
        ObjectNode source = db.connector(stack, db.ddmlConfig(), prefix + "-src", prefix);
        ((ObjectNode) source.get("config")).put("table.include.list", tableIncludeList);
        connect.create(source);
        try {
            connect.awaitRunning(prefix + "-src", Duration.ofSeconds(90));
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Creates the shipped sink into {@code database} and awaits it running. */
    void startSink(String database) {
        connect.create(MongoPipeline.shippedSink(stack, db, prefix + "-sink", prefix, stack.mongo().connectionString(),
            database));
        connect.awaitRunning(prefix + "-sink", Duration.ofSeconds(90));
    }

    /** Nothing went to the pipeline's dead-letter topic. */
    void assertNothingDeadLettered() throws Exception {
        try (DeadLetters dlq = new DeadLetters(stack.kafka().bootstrapServers(), prefix + ".dlq")) {
            assertThat(dlq.reasons()).isEmpty();
        }
    }

    @Override
    public void close() {
        connect.delete(prefix + "-sink");
        connect.delete(prefix + "-src");
        db.release(stack, prefix);
    }
}
