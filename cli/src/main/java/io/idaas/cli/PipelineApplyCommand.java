package io.idaas.cli;

import io.idaas.cli.connect.ConnectRestClient;
import io.idaas.cli.pipeline.PipelinePlan;
import io.idaas.cli.pipeline.PipelineReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code idaas pipeline apply FILE}: makes the Connect cluster run what the file declares; a second apply changes nothing. */
@Command(name = "apply",
        header = "Creates, updates and deletes connectors until Connect runs what the file declares (idempotent).", mixinStandardHelpOptions = true,
        description = {"Makes Kafka Connect run what the pipeline file declares, as `idaas pipeline plan` shows it: creates or updates each",
                "connector with PUT /connectors/{name}/config, the source first (waiting until it runs) then the sinks, and deletes",
                "the pipeline's connectors the file no longer declares (sinks first). Applying the same file again changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:applied (or nothing to change), every connector running", "1:the file is invalid, Connect refused a config, or a connector FAILED",
                "2:Kafka Connect does not answer"})
final class PipelineApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for each created or changed connector and its tasks to run (default: ${DEFAULT-VALUE}; 0: do not wait).")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        return PipelineExitCodes.run(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            PipelineReader.Read read = options.read(spec.commandLine().getErr());
            ConnectRestClient connect = options.connect();
            PipelinePlan plan = PipelinePlan.of(read.pipeline(), options.connectors(read), connect);
            if (plan.changesNothing()) {
                out.println("Nothing to change: the " + plan.steps().size() + " connectors of " + read.pipeline().name()
                        + " already run the file's configs.");
                out.flush();
                return PipelineExitCodes.OK;
            }
            plan.print(out, false);
            for (PipelinePlan.Step s : plan.steps()) {
                if (s.action() == PipelinePlan.Action.CREATE || s.action() == PipelinePlan.Action.CHANGE) {
                    connect.put(s.connector(), s.spec().config());
                    out.println((s.action() == PipelinePlan.Action.CREATE ? "created " : "updated ") + s.connector());
                    out.flush();
                    Optional<String> failure = waitSeconds <= 0 ? Optional.empty()
                            : connect.awaitRunning(s.connector(), Duration.ofSeconds(waitSeconds));
                    if (failure.isPresent()) {
                        out.println(failure.get());
                        out.println("  see `idaas pipeline status " + options.file + "` for each task's state and the fix of a failure");
                        out.flush();
                        return PipelineExitCodes.INVALID;
                    }
                }
            }
            for (PipelinePlan.Step s : plan.of(PipelinePlan.Action.DELETE)) {
                connect.delete(s.connector());
                out.println("deleted " + s.connector());
            }
            out.println("Applied.");
            out.flush();
            return PipelineExitCodes.OK;
        });
    }
}
