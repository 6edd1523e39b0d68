package io.idaas.cli.pipeline;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a deleted pipeline leaves behind, removed: its topics (every topic {@code <topic_prefix>.*}: tables, transaction
 * markers, schema history, and the dead-letter topic; Debezium's heartbeat topic {@code __debezium-heartbeat.<prefix>})
 * and, for a PostgreSQL source, its replication slot and the publication of the same name that the connector made.
 */
public final class PipelinePurge {

    private PipelinePurge() {
    }

    /** The pipeline's topics among those Kafka has. */
    public static List<String> topics(Pipeline p, String bootstrap) throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> belongs(p, t)).sorted().toList();
        }
    }

    static boolean belongs(Pipeline p, String topic) {
        return topic.startsWith(p.topicPrefix() + ".") || topic.equals(p.deadLetter().topic())
                || topic.equals("__debezium-heartbeat." + p.topicPrefix());
    }

    /** Deletes topics and waits for Kafka to confirm. */
    public static void deleteTopics(List<String> topics, String bootstrap) throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Drops a PostgreSQL source's replication slot once its connector let it go (waiting up to {@code timeout}), and
     * the publication of that name when the connector created it ({@code publication.autocreate.mode} not disabled).
     *
     * @return what was dropped, in words
     */
    public static List<String> dropSlot(Pipeline p, Map<String, String> sourceConfig, Duration timeout) throws SQLException, InterruptedException {
        Pipeline.Source s = p.source();
        String url = "jdbc:postgresql://" + LocalSecrets.resolve(s.host()) + ":" + LocalSecrets.resolve(s.port()) + "/" + LocalSecrets.resolve(s.database());
        String slot = sourceConfig.getOrDefault("slot.name", p.slot());
        String publication = sourceConfig.getOrDefault("publication.name", slot);
        List<String> dropped = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, LocalSecrets.resolve(s.user()), LocalSecrets.resolve(s.password()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try (PreparedStatement st = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
                    st.setString(1, slot);
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            break;
                        }
                        if (!rs.getBoolean(1)) {
                            try (PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                                drop.setString(1, slot);
                                drop.executeQuery().close();
                            }
                            dropped.add("replication slot " + slot);
                            break;
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replication slot " + slot + " is still in use after " + timeout.toSeconds()
                            + " s: is a connector still reading it? drop it with SELECT pg_drop_replication_slot('" + slot + "')");
                }
                Thread.sleep(500);
            }
            if (!"disabled".equals(sourceConfig.get("publication.autocreate.mode"))) {
                try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
                    st.setString(1, publication);
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            try (Statement drop = c.createStatement()) {
                                drop.execute("DROP PUBLICATION \"" + publication.replace("\"", "\"\"") + "\"");
                            }
                            dropped.add("publication " + publication);
                        }
                    }
                }
            }
        }
        return dropped;
    }
}
