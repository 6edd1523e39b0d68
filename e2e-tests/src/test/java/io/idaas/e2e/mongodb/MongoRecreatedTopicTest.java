package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.idaas.connect.mongodb.MongoSinkTask;
import io.idaas.e2e.jdbc.FakeSinkContext;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.idaas.e2e.KafkaTopics.recreate;
import static io.idaas.e2e.KafkaTopics.topicId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MongoDB sink keeps each topic's id in its {@code _idaas_offsets} documents and, when the topic was deleted and
 * created again, refuses to resume from the old topic's offsets (or, with {@code topic.recreated=restart}, applies the
 * new topic from offset 0); Kafka not answering at open applies nothing until it does. The task is driven directly
 * (MongoDB is the stack's in-process wire-protocol server: a real Connect worker adds nothing RecreatedTopicTest does
 * not check with the JDBC and Redis sinks), against the stack's real Kafka; MongoDB is read with the official driver.
 */
@ExtendWith(LocalStackExtension.class)
class MongoRecreatedTopicTest {

    @Test
    void offsetsOfARecreatedTopicFailTheTaskOrWithRestartTheNewTopicIsAppliedFromItsStart(LocalStack stack) throws Exception {
        String topic = MongoSinkTaskTest.unique("recreated");
        String db = MongoSinkTaskTest.unique("r");
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
             MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Uuid oldId = topicId(admin, topic);
            MongoSinkTask first = task(stack, topic, db, new FakeSinkContext(true));
            first.put(records(topic, 1, 2, 3, 4, 5));
            first.stop();
            assertThat(offsetDocument(mongo, db, topic)).containsEntry("offset", 5L).containsEntry("topicId", oldId.toString());

            recreate(admin, topic);
            Uuid newId = topicId(admin, topic);

            MongoSinkTask failing = task(stack, topic, db, new FakeSinkContext(true));
            assertThatThrownBy(() -> failing.put(records(topic, 11, 12, 13)))
                .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("Topic '" + topic + "' was deleted and created again")
                .hasMessageContaining("written for topic id " + oldId + ", and the topic's id is now " + newId)
                .hasMessageContaining("the documents with _id sink-" + db + "/" + topic + "/<partition> of the collection "
                    + db + "._idaas_offsets")
                .hasMessageContaining("idaas pipeline delete --purge")
                .hasMessageContaining("topic.recreated=restart");
            failing.stop();
            assertThat(ids(mongo, db, topic)).as("nothing applied").containsExactly(1, 2, 3, 4, 5);
            assertThat(offsetDocument(mongo, db, topic)).containsEntry("offset", 5L).containsEntry("topicId", oldId.toString());

            FakeSinkContext context = new FakeSinkContext(true);
            MongoSinkTask restarting = task(stack, topic, db, context, "topic.recreated", "restart");
            assertThat(context.seeks).containsEntry(tp, 0L);
            assertThat(offsetDocument(mongo, db, topic)).as("the stale offset is gone")
                .containsEntry("offset", 0L).containsEntry("topicId", newId.toString());
            restarting.put(records(topic, 11, 12, 13));
            restarting.stop();
            assertThat(ids(mongo, db, topic)).containsExactly(1, 2, 3, 4, 5, 11, 12, 13);
            assertThat(offsetDocument(mongo, db, topic)).containsEntry("offset", 3L).containsEntry("topicId", newId.toString());
        }
    }

    @Test
    void offsetsWithoutATopicIdAdoptTheTopicsIdAndKafkaNotAnsweringAppliesNothing(LocalStack stack) throws Exception {
        String topic = MongoSinkTaskTest.unique("adopt");
        String db = MongoSinkTaskTest.unique("a");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
             MongoClient mongo = MongoClients.create(stack.mongo().connectionString())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Uuid id = topicId(admin, topic);
            // what an older idaas wrote: an offset without topic id
            mongo.getDatabase(db).getCollection("_idaas_offsets")
                .insertOne(new Document("_id", "sink-" + db + "/" + topic + "/0").append("offset", 2L));

            // Kafka does not answer: nothing is resumed unchecked, nothing applied; put() is retried
            FakeSinkContext unreachable = new FakeSinkContext(true);
            MongoSinkTask waiting = task(stack, topic, db, unreachable, "applied.kafka.bootstrap.servers", "127.0.0.1:1",
                "applied.kafka.default.api.timeout.ms", "1500", "applied.kafka.request.timeout.ms", "1000");
            assertThat(unreachable.seeks).isEmpty();
            assertThatThrownBy(() -> waiting.put(records(topic, 1, 2, 3)))
                .isInstanceOf(RetriableException.class).hasMessageContaining("cannot read the ids of topics [" + topic + "]");
            waiting.stop();
            assertThat(ids(mongo, db, topic)).isEmpty();

            FakeSinkContext context = new FakeSinkContext(true);
            MongoSinkTask task = task(stack, topic, db, context);
            assertThat(context.seeks).containsEntry(new TopicPartition(topic, 0), 2L);
            task.put(records(topic, 1, 2, 3));
            task.stop();
            assertThat(ids(mongo, db, topic)).as("offsets 0 and 1 were applied before").containsExactly(3);
            assertThat(offsetDocument(mongo, db, topic)).containsEntry("offset", 3L).containsEntry("topicId", id.toString());
        }
    }

    /** A started task reading its topics' ids from the stack's Kafka ({@code settings} put after, so they may replace it). */
    private static MongoSinkTask task(LocalStack stack, String topic, String db, FakeSinkContext context, String... settings) {
        List<String> all = new ArrayList<>(List.of("topics", topic,
            "applied.kafka.bootstrap.servers", stack.kafka().bootstrapServers()));
        all.addAll(List.of(settings));
        return MongoSinkTaskTest.started(stack.mongo().connectionString(), topic, db, context, all.toArray(String[]::new));
    }

    /** Records of the rows {@code ids} at offsets 0, 1, ... of the topic's partition 0. */
    private static List<SinkRecord> records(String topic, int... ids) {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            out.add(new SinkRecord(topic, 0, null, null, null,
                MongoSinkTaskTest.insertAt(topic, ids[i], "row " + ids[i], ids[i], 100 + ids[i]), i));
        }
        return out;
    }

    private static List<Integer> ids(MongoClient mongo, String db, String topic) {
        List<Integer> out = new ArrayList<>();
        mongo.getDatabase(db).getCollection(topic).find().sort(new Document("_id", 1))
            .forEach(d -> out.add(((Number) d.get("_id")).intValue()));
        return out;
    }

    private static Document offsetDocument(MongoClient mongo, String db, String topic) {
        Document d = mongo.getDatabase(db).getCollection("_idaas_offsets").find(Filters.eq("_id", "sink-" + db + "/" + topic + "/0")).first();
        return d == null ? new Document() : d;
    }
}
