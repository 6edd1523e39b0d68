package io.idaas.cli;

import io.idaas.cli.connect.ConnectRestClient;
import io.idaas.cli.pipeline.ConnectorSpec;
import io.idaas.cli.pipeline.Pipeline;
import io.idaas.cli.pipeline.PipelinePurge;
import io.idaas.cli.pipeline.PipelineReader;
import io.idaas.cli.pipeline.SinkOffsetsPurge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code idaas pipeline delete FILE}: deletes the pipeline's connectors; with {@code --purge} their offsets (so that the
 * pipeline applied again starts afresh), its topics and its PostgreSQL slot too.
 */
@Command(name = "delete",
        header = "Deletes the pipeline's connectors; with --purge also their offsets, its topics and replication slot.", mixinStandardHelpOptions = true,
        description = {"Deletes the pipeline's connectors (<name>-source and <name>-to-*: sinks first). With --purge, first stops each",
                "connector and deletes its offsets (Connect 3.6+) and, for an idaas sink, the offsets it keeps in its target, so that the",
                "pipeline applied again starts afresh with a snapshot and its sinks read the new topics from their start; then it",
                "deletes its topics (<topic_prefix>.*, the dead-letter topic, Debezium's heartbeat topic) and, for a PostgreSQL source,",
                "its replication slot and the publication the connector made. Targets keep their data. Refuses without --yes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:deleted (or nothing to delete)", "1:the file is invalid, --yes is missing, or a deletion failed",
                "2:Kafka Connect or Kafka does not answer"})
final class PipelineDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--purge", description = "Also delete the connectors' offsets, the pipeline's topics and, for a PostgreSQL source, its replication slot and publication.")
    boolean purge;

    @Option(names = "--yes", description = "Confirm: without it nothing is deleted and the command says what it would delete.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        return PipelineExitCodes.run(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            PipelineReader.Read read = options.read(spec.commandLine().getErr());
            Pipeline p = read.pipeline();
            ConnectRestClient connect = options.connect();
            List<String> connectors = new ArrayList<>(connect.connectorNames().stream().filter(p::owns).sorted().toList());
            connectors.sort((a, b) -> Boolean.compare(a.equals(p.sourceConnector()), b.equals(p.sourceConnector())));
            String bootstrap = purge ? (p.kafkaBootstrap() != null ? p.kafkaBootstrap() : options.kafka.reachableBootstrapServers()) : null;
            List<String> topics = purge ? PipelinePurge.topics(p, bootstrap) : List.of();
            boolean slot = purge && p.source().kind().equals("postgres");
            if (!yes) {
                out.println("Would delete: " + (connectors.isEmpty() ? "no connector" : "connectors " + String.join(", ", connectors))
                        + (purge ? " and their offsets; topics " + (topics.isEmpty() ? "(none)" : String.join(", ", topics)) : "")
                        + (slot ? "; replication slot and publication " + p.slot() : "") + ".");
                out.println("Nothing deleted: add --yes to delete.");
                out.flush();
                return PipelineExitCodes.INVALID;
            }
            Map<String, String> sourceConfig = connect.config(p.sourceConnector())
                    .orElseGet(() -> options.connectors(read).stream().filter(ConnectorSpec::source).findFirst().orElseThrow().config());
            List<String> failures = new ArrayList<>();
            for (String c : connectors) {
                // a sink's config, read before it is deleted, says where its target keeps its offsets
                boolean sink = !c.equals(p.sourceConnector());
                Optional<Map<String, String>> sinkConfig = purge && sink ? connect.config(c) : Optional.empty();
                if (purge) {
                    Optional<String> kept = connect.resetOffsets(c, Duration.ofSeconds(60));
                    out.println(kept.map(why -> "warning: " + why).orElse("deleted the offsets of connector " + c));
                }
                connect.delete(c);
                out.println("deleted connector " + c);
                if (sinkConfig.isPresent()) {
                    try {
                        out.println(SinkOffsetsPurge.purge(c, sinkConfig.get()));
                    } catch (Exception e) {
                        failures.add(c);
                        out.println("warning: the offsets of " + c + " in its target are not deleted (" + e.getMessage() + "); delete them "
                                + "before applying the pipeline again into that target, or its sink skips the new topics' records up to them");
                    }
                }
                out.flush();
            }
            if (purge) {
                PipelinePurge.deleteTopics(topics, bootstrap);
                topics.forEach(t -> out.println("deleted topic " + t));
                if (slot) {
                    List<String> dropped = PipelinePurge.dropSlot(p, sourceConfig, Duration.ofSeconds(60));
                    dropped.forEach(d -> out.println("dropped " + d));
                }
            }
            if (!failures.isEmpty()) {
                out.println("Deleted, except the offsets of " + String.join(", ", failures) + " in their targets (above).");
                out.flush();
                return PipelineExitCodes.INVALID;
            }
            out.println(connectors.isEmpty() && topics.isEmpty() ? "Nothing to delete: Kafka Connect runs no connector of " + p.name() + "." : "Deleted.");
            out.flush();
            return PipelineExitCodes.OK;
        });
    }
}
