package io.idaas.views.app;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up of the Kafka clients runs its transactions on the app's cluster and leaves no topic or group behind. */
@ExtendWith(LocalStackExtension.class)
class KafkaPathWarmupTest {

    @Test
    void itsTransactionsRunOnATopicOfItsOwnWhichIsDeletedAfterWithItsGroup(LocalStack stack) throws Exception {
        String name = KafkaPathWarmup.name("warmup-test");
        assertThat(name).startsWith("warmup-test-warmup-").isNotEqualTo(KafkaPathWarmup.name("warmup-test"));
        Properties clients = new Properties();
        clients.put("auto.offset.reset", "earliest"); // the app's own settings: each client takes the keys it knows
        clients.put("commit.interval.ms", "100");

        ViewWarmup.Done done = KafkaPathWarmup.run(12, stack.kafka().bootstrapServers(), name, clients, () -> false);

        assertThat(done.count()).as("every transaction committed").isEqualTo(12);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(name);
            assertThat(admin.listGroups().all().get()).noneMatch(g -> g.groupId().equals(name));
        }
    }

    @Test
    void anUnreachableClusterEndsTheWarmUpWithoutStoppingTheApp() {
        Properties clients = new Properties();
        clients.put("default.api.timeout.ms", "2000");
        clients.put("request.timeout.ms", "1000");
        ViewWarmup.Done done = KafkaPathWarmup.run(5, "127.0.0.1:1", KafkaPathWarmup.name("unreachable"), clients, () -> false);

        assertThat(done.count()).isZero();
    }
}
