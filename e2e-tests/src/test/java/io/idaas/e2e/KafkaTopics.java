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

    /**
     * A {@code topics.regex} matching exactly these topics (the shipped sink configs read every topic of the source
     * database; the DDML sources emit DDL only for the tables they capture, so a test may keep that too, as the
     * {@code io.idaas.e2e.shipped} tests do).
     */
    public static String exactly(String... topics) {
        return java.util.Arrays.stream(topics).map(t -> t.replace(".", "\\.")).collect(java.util.stream.Collectors.joining("|"));
    }
}
