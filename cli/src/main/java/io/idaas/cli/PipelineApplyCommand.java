package io.idaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.cli.pipeline.ConnectAdmin;
import io.idaas.cli.pipeline.PipelinePlan;
import io.idaas.cli.pipeline.PipelineReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
            ConnectAdmin connect = options.connect();
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
                    Optional<String> failure = awaitRunning(connect, s.connector());
                    if (failure.isPresent()) {
                        out.println(failure.get());
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

    /** Waits up to --wait for the connector and its tasks to run; the failure (state and trace head) when one FAILED or the time ran out. */
    private Optional<String> awaitRunning(ConnectAdmin connect, String connector) throws InterruptedException {
        if (waitSeconds <= 0) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        String last = "no status yet";
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> status = connect.status(connector);
            if (status.isPresent()) {
                JsonNode st = status.get();
                boolean running = "RUNNING".equals(st.path("connector").path("state").asText()) && st.path("tasks").size() > 0;
                for (JsonNode task : st.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        return Optional.of(connector + " task " + task.path("id").asText() + " FAILED: " + head(task.path("trace").asText()));
                    }
                    running &= "RUNNING".equals(task.path("state").asText());
                }
                if ("FAILED".equals(st.path("connector").path("state").asText())) {
                    return Optional.of(connector + " FAILED: " + head(st.path("connector").path("trace").asText()));
                }
                if (running) {
                    return Optional.empty();
                }
                last = st.path("connector").path("state").asText() + ", " + st.path("tasks").size() + " tasks";
            }
            Thread.sleep(250);
        }
        return Optional.of(connector + " is not running after " + waitSeconds + " s (" + last + "): see `idaas pipeline status " + options.file + "`");
    }

    private static String head(String trace) {
        return trace.lines().findFirst().orElse("(no trace)");
    }
}
