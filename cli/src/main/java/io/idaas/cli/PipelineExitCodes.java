package io.idaas.cli;

import io.idaas.cli.connect.ConnectAnswerException;
import io.idaas.cli.connect.ConnectUnreachableException;
import io.idaas.cli.pipeline.PipelineFileException;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** The exit codes of {@code idaas pipeline} commands, and the one place that turns their failures into one. */
final class PipelineExitCodes {

    static final int OK = 0;
    /** The file is invalid, Connect refused a config, a connector failed, or a destructive action was not confirmed. */
    static final int INVALID = 1;
    /** Kafka Connect (or Kafka) did not answer. */
    static final int UNREACHABLE = 2;

    static final String[] LIST = {"0:done (validate: the file and every connector config are valid)",
            "1:the file is invalid, Connect refused a config, a connector failed, or --yes was missing",
            "2:Kafka Connect or Kafka does not answer"};

    private PipelineExitCodes() {
    }

    /** Runs {@code body}, printing a failure in one line (or one per problem of the file) with its exit code. */
    static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
        var err = spec.commandLine().getErr();
        String command = "idaas pipeline " + spec.name();
        try {
            return body.call();
        } catch (PipelineFileException e) {
            err.println(spec.commandLine().getColorScheme().errorText(command + ": " + e.getMessage()));
            return INVALID;
        } catch (ConnectUnreachableException | KafkaUnreachableException e) {
            err.println(spec.commandLine().getColorScheme().errorText(command + ": " + e.getMessage()));
            return UNREACHABLE;
        } catch (ConnectAnswerException | IllegalArgumentException | IllegalStateException e) {
            err.println(spec.commandLine().getColorScheme().errorText(command + ": " + e.getMessage()));
            return INVALID;
        } finally {
            err.flush();
        }
    }
}
