package io.idaas.cli;

import io.idaas.cli.pipeline.Pipeline;
import io.idaas.cli.pipeline.PipelineReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code idaas pipeline status FILE}: {@code idaas status} for the pipeline's connectors only. */
@Command(name = "status",
        header = "Shows the pipeline's connectors and tasks: states, failures and their fixes, lag, dead letters.", mixinStandardHelpOptions = true,
        description = {"Shows the pipeline's connectors and tasks as `idaas status` does (state, worker, the trace and fix of a failure,",
                "each sink's lag in records and seconds, its dead letters), and no other connector.",
                "Exit code 0 when nothing FAILED, 2 when a connector or task FAILED, 1 when Kafka Connect does not answer or the file is invalid."})
final class PipelineStatusCommand extends StatusCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file (YAML; pipelines/README.md).")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A value for the file's variable ${NAME}. Repeatable.")
    Map<String, String> variables = new LinkedHashMap<>();

    private Pipeline pipeline;

    @Override
    public Integer call() throws InterruptedException {
        try {
            pipeline = PipelineReader.read(file, variables).pipeline();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText("idaas pipeline status: " + e.getMessage()));
            spec.commandLine().getErr().flush();
            return 1;
        }
        return super.call();
    }

    @Override
    boolean selects(String connector) {
        return pipeline.owns(connector);
    }
}
