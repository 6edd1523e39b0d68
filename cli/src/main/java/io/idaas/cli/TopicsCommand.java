package io.idaas.cli;

import io.idaas.cli.inspect.TopicSummary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code idaas topics}: the topics of a cluster, like ksqlDB's {@code SHOW TOPICS EXTENDED}. */
@Command(name = "topics",
        header = "Lists topics with their partitions, messages and consumer groups, like ksqlDB's SHOW TOPICS.", mixinStandardHelpOptions = true,
        description = "Lists topics with their partitions, messages and consumer groups, like ksqlDB's SHOW TOPICS EXTENDED.")
final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--all", description = "Also list internal topics (those starting with '_', and Connect's own).")
    boolean all;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.reachableBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000"))) {
            List<TopicSummary> topics = TopicSummary.collect(admin, all);
            print(spec.commandLine().getOut(), topics);
        }
        return 0;
    }

    static void print(PrintWriter out, List<TopicSummary> topics) {
        int width = Math.max("Kafka Topic".length(), topics.stream().mapToInt(t -> t.name().length()).max().orElse(0));
        String row = " %-" + width + "s | %10s | %10s | %15s%n";
        out.printf(row, "Kafka Topic", "Partitions", "Messages", "Consumer Groups");
        out.println("-".repeat(width + 46));
        for (TopicSummary t : topics) {
            out.printf(row, t.name(), t.partitions(), t.messages(), t.consumerGroups());
        }
        out.flush();
    }
}
