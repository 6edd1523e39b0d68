package io.idaas.views.app;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up runs its synthetic changes through a table view's topology on the app's cluster, then leaves no topic,
 * group or state folder behind.
 */
@ExtendWith(LocalStackExtension.class)
class StreamsPathWarmupTest {

    @Test
    void itsChangesRunThroughATopologyOfItsOwnWhoseTopicsGroupAndFolderAreDeletedAfter(LocalStack stack, @TempDir Path state) throws Exception {
        String name = StreamsPathWarmup.name("warmup-test");
        assertThat(name).startsWith("warmup-test-warmup-").isNotEqualTo(StreamsPathWarmup.name("warmup-test"));
        Properties clients = new Properties();
        clients.put("commit.interval.ms", "100"); // the app's own settings: each client takes the keys it knows
        clients.put("application.server", "127.0.0.1:1"); // the app's HTTP address: not the warm-up's

        ViewWarmup.Done done = StreamsPathWarmup.run(2_000, stack.kafka().bootstrapServers(), name, state, clients, () -> false);

        assertThat(done.count()).as("every change read and committed").isEqualTo(2_000);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(name));
            assertThat(admin.listGroups().all().get()).noneMatch(g -> g.groupId().equals(name));
        }
        try (Stream<Path> left = Files.list(state)) {
            assertThat(left.toList()).as("the warm-up's state folder is deleted").isEmpty();
        }
    }

    @Test
    void noWarmUpWhenAskedForNone(@TempDir Path state) throws Exception {
        assertThat(StreamsPathWarmup.run(0, "127.0.0.1:1", StreamsPathWarmup.name("none"), state, new Properties(), () -> false).count()).isZero();
        try (Stream<Path> left = Files.list(state)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void anUnreachableClusterEndsTheWarmUpWithoutStoppingTheApp(@TempDir Path state) {
        Properties clients = new Properties();
        clients.put("default.api.timeout.ms", "2000");
        clients.put("request.timeout.ms", "1000");
        ViewWarmup.Done done = StreamsPathWarmup.run(5, "127.0.0.1:1", StreamsPathWarmup.name("unreachable"), state, clients, () -> false);

        assertThat(done.count()).isZero();
    }
}
