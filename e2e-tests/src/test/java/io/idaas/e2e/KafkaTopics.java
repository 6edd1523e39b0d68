package io.idaas.e2e;

import io.idaas.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Waits on topics of the local stack's Kafka. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /**
     * Waits until {@code topic} exists. A sink subscribed with {@code topics.regex} sees a topic created later only at
     * its consumer's next metadata refresh (5 min by default), so tests start such sinks once their topics exist.
     */
    public static void awaitTopic(LocalStack stack, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            await("topic " + topic).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> admin.listTopics().names().get().contains(topic));
        }
    }

    /** The topic's Kafka topic id. */
    public static org.apache.kafka.common.Uuid topicId(Admin admin, String topic) throws Exception {
        return admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).topicId();
    }

    /** Deletes the topic, waits until it is gone, and creates it again with one partition (a new topic id). */
    public static void recreate(Admin admin, String topic) {
        try {
            admin.deleteTopics(java.util.List.of(topic)).all().get();
        } catch (Exception e) {
            throw new AssertionError("cannot delete topic " + topic, e);
        }
        await("topic " + topic + " deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !admin.listTopics().names().get().contains(topic));
        await("topic " + topic + " created again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
                return true;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                    return false; // still being deleted
                }
                throw e;
            }
        });
    }

    /**
     * A {@code topics.regex} matching exactly these topics (the shipped sink configs read every topic of the source
     * database; the DDML sources emit DDL only for the tables they capture, so a test may keep that too, as the
     * {@code io.idaas.e2e.shipped} tests do).
     */
    public static String exactly(String... topics) {
        return java.util.Arrays.stream(topics).map(t -> t.replace(".", "\\.")).collect(java.util.stream.Collectors.joining("|"));
    }
}
