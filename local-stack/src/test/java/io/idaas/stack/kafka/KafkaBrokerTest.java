package io.idaas.stack.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void aRestartOnTheSameDataFolderKeepsTheClusterAndItsTopics(@TempDir Path dataDir) throws Exception {
        String clusterId;
        try (KafkaBroker broker = new KafkaBroker(dataDir, 0)) {
            broker.start();
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
                clusterId = admin.describeCluster().clusterId().get();
            }
        }
        try (KafkaBroker broker = new KafkaBroker(dataDir, 0)) {
            broker.start();
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains("kept");
                assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").partitions()).hasSize(3);
            }
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
