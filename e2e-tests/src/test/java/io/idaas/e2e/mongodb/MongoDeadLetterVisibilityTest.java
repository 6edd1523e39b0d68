package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import io.idaas.e2e.LogCapture;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write MongoDB refuses, with the shipped {@code mariadb-to-mongodb} config ({@code errors.tolerance=all} and a
 * dead-letter topic), is visible while the task stays RUNNING: in the dead-letter topic with MongoDB's reason, in the
 * task's metric {@code dead-letter-record-total}, in Connect's {@code task-error-metrics}, and in an ERROR log line that
 * counts it; the other rows apply.
 */
@ExtendWith(LocalStackExtension.class)
class MongoDeadLetterVisibilityTest {

    @Test
    void writesMongoDbRefusesAreCountedInMetricsAndLogsAndThePipelineGoesOn(LocalStack stack) throws Exception {
        try (MongoPipeline p = new MongoPipeline(stack, SourceDatabase.MARIADB, 7L, 2, 1);
             MongoClient client = MongoClients.create(stack.mongo().connectionString());
             LogCapture log = new LogCapture("io.idaas.connect.mongodb.MongoSinkTask")) {
            MongoDatabase target = client.getDatabase(p.database());
            String refused = p.tables().get(0);
            String fine = p.tables().get(1);
            // a unique index of the user's on customer: a second row with the same customer is refused by MongoDB
            target.getCollection(refused).createIndex(new Document("customer", 1), new IndexOptions().unique(true));
            p.start(stack.mongo().connectionString(), Map.of());
            try (Connection db = p.openSource(); Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO " + refused + " (id, customer) VALUES (1, 'same')");
                sql.execute("INSERT INTO " + refused + " (id, customer) VALUES (2, 'same')");
                sql.execute("INSERT INTO " + fine + " (id, customer) VALUES (1, 'b')");
            }
            await("the other table's row in MongoDB").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .failFast("the sink task FAILED", () -> p.sinkTaskState().startsWith("FAILED"))
                .until(() -> target.getCollection(fine).find(Filters.eq("_id", 1)).first() != null);
            await("one dead-lettered record").atMost(Duration.ofSeconds(60))
                .until(() -> p.deadLetters().values().stream().mapToLong(Long::longValue).sum() == 1);
            assertThat(p.deadLetters().keySet()).singleElement().asString()
                .contains("MongoDB refused").contains("11000").contains("customer");
            assertThat(p.sinkTaskState()).isEqualTo("RUNNING");
            assertThat(target.getCollection(refused).countDocuments(Filters.in("_id", 1, 2))).isEqualTo(1);
            assertThat(p.taskMetric("plugins", "dead-letter-record-total")).isEqualTo(1.0);
            assertThat(p.taskMetric("task-error-metrics", "deadletterqueue-produce-requests")).isEqualTo(1.0);
            assertThat(log.lines()).filteredOn(l -> l.contains("dead-lettered by this task")).singleElement().asString()
                .startsWith("ERROR ").contains("(1 record(s) dead-lettered by this task since it started)");
        }
    }
}
