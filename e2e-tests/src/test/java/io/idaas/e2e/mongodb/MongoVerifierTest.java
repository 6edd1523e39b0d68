package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.idaas.e2e.SourceDatabase;
import io.idaas.e2e.replication.RandomWorkload;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.Mode;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier against what the idaas MongoDB sink really writes: PostgreSQL through the shipped
 * {@code postgres-ddml-source} + {@code postgres-to-mongodb} under the seeded random workload (key changes, deletes, a
 * truncate, a column added), judged equal first by the plain reader ({@link MongoCopy}, no idaas code), then by
 * {@code idaas verify}'s library in every mode; a field changed by hand in one document and a document deleted by hand
 * are then the exact differences the verifier reports.
 */
@ExtendWith(LocalStackExtension.class)
class MongoVerifierTest {

    @Test
    void theVerifierFindsTheSinksCopyEqualAndExactlyTheDifferencesPlantedInIt(LocalStack stack) throws Exception {
        try (MongoPipeline pipeline = new MongoPipeline(stack, SourceDatabase.POSTGRES, 20_261_208L, 1, 4);
             MongoClient client = MongoClients.create(stack.mongo().connectionString())) {
            MongoDatabase target = client.getDatabase(pipeline.database());
            pipeline.start(stack.mongo().connectionString(), Map.of());
            RandomWorkload.Stats stats = pipeline.runInBackground(2_000).get();
            assertThat(stats.ddl()).as("a column added while the sink runs").isEqualTo(1);
            pipeline.awaitSameRows(target, Duration.ofSeconds(300));
            String table = pipeline.tables().get(0);

            for (Mode mode : Mode.values()) {
                VerifyReport report = new Verifier(config(stack, pipeline, table).mode(mode).build()).run();
                assertThat(report.equal()).as(mode + ": " + ReportText.write(report)).isTrue();
            }

            long changed;
            long deleted;
            try (Connection db = pipeline.openSource(); Statement sql = db.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT min(id), max(id) FROM " + table)) {
                rs.next();
                changed = rs.getLong(1);
                deleted = rs.getLong(2);
            }
            target.getCollection(table).updateOne(Filters.eq("_id", (int) changed), Updates.set("customer", "planted by the test"));
            target.getCollection(table).deleteOne(Filters.eq("_id", (int) deleted));
            target.getCollection(table).insertOne(new Document("_id", -7).append("id", -7));

            VerifyReport report = new Verifier(config(stack, pipeline, table).build()).run();
            System.out.println(ReportText.write(report));
            TableReport t = report.tables().get(0);
            assertThat(t.missing()).isEqualTo(1);
            assertThat(t.extra()).isEqualTo(1);
            assertThat(t.different()).isEqualTo(1);
            assertThat(t.differences()).filteredOn(d -> d.kind() == RowDifference.Kind.MISSING).singleElement()
                    .satisfies(d -> assertThat(d.key()).containsExactly(Map.entry("id", String.valueOf(deleted))));
            assertThat(t.differences()).filteredOn(d -> d.kind() == RowDifference.Kind.EXTRA).singleElement()
                    .satisfies(d -> assertThat(d.key()).containsExactly(Map.entry("id", "-7")));
            assertThat(t.differences()).filteredOn(d -> d.kind() == RowDifference.Kind.DIFFERENT).singleElement()
                    .satisfies(d -> {
                        assertThat(d.key()).containsExactly(Map.entry("id", String.valueOf(changed)));
                        assertThat(d.fields()).singleElement().satisfies(f -> {
                            assertThat(f.column()).isEqualTo("customer");
                            assertThat(f.target()).isEqualTo("planted by the test");
                            assertThat(f.source()).isNotEqualTo(f.target());
                        });
                    });
        }
    }

    private static VerifyConfig.Builder config(LocalStack stack, MongoPipeline pipeline, String table) {
        return VerifyConfig.builder()
                .source(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password())
                .target(stack.mongo().connectionString() + "/" + pipeline.database(), null, null)
                .table("public." + table).recheck(1, Duration.ofMillis(500));
    }
}
