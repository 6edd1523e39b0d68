package io.idaas.cli;

import io.idaas.cli.connect.ConnectRestClient;
import io.idaas.cli.pipeline.ConnectorGenerator;
import io.idaas.cli.pipeline.ConnectorSpec;
import io.idaas.cli.pipeline.PipelineReader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every {@code idaas pipeline} command takes: the pipeline file, its variables, the Connect cluster and Kafka. */
final class PipelineOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file (YAML; pipelines/README.md).")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "A value for the file's variable ${NAME}, over its default under variables:. Repeatable.")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = {"--connect", "--connect-url"}, paramLabel = "URL",
            description = "The Kafka Connect REST API (default: $IDAAS_CONNECT_URL, else the local stack running on --data-dir, else "
                    + StatusCommand.DEFAULT_CONNECT_URL + ").")
    String connectUrl;

    @Mixin
    KafkaOptions kafka;

    /** The file read, its warnings printed to {@code err}. */
    PipelineReader.Read read(PrintWriter err) {
        PipelineReader.Read read = PipelineReader.read(file, variables);
        read.warnings().forEach(w -> err.println("idaas pipeline: warning: " + w));
        err.flush();
        return read;
    }

    /** The pipeline's connectors; Kafka's address from the file, else from --bootstrap-server and the local stack when known. */
    List<ConnectorSpec> connectors(PipelineReader.Read read) {
        String bootstrap;
        try {
            bootstrap = kafka.bootstrapServers();
        } catch (IllegalArgumentException unknown) {
            bootstrap = null;
        }
        return ConnectorGenerator.generate(read.pipeline(), bootstrap);
    }

    ConnectRestClient connect() {
        return new ConnectRestClient(StatusCommand.connectUrl(connectUrl, kafka.dataDir));
    }
}
