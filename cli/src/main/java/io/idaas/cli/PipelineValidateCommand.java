package io.idaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.cli.connect.ConnectRestClient;
import io.idaas.cli.pipeline.ConnectorSpec;
import io.idaas.cli.pipeline.PipelineReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code idaas pipeline validate FILE}: the file against its schema, then each connector config through Connect's validate endpoint. */
@Command(name = "validate",
        header = "Checks a pipeline file, then each connector it makes through Connect (connections included).", mixinStandardHelpOptions = true,
        description = {"Checks a pipeline file against its JSON Schema, then each connector config it makes through Kafka Connect's",
                "PUT /connector-plugins/{class}/config/validate, which also connects to the databases: a wrong host or password is",
                "reported per connector with the field and Connect's message. Changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file and every connector config are valid", "1:the file or a connector config is invalid",
                "2:Kafka Connect does not answer"})
final class PipelineValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--schema-only", description = "Check the file and make the configs, without asking Kafka Connect.")
    boolean schemaOnly;

    @Override
    public Integer call() throws Exception {
        return PipelineExitCodes.run(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            PipelineReader.Read read = options.read(spec.commandLine().getErr());
            List<ConnectorSpec> connectors = options.connectors(read);
            out.println(options.file + ": the file is valid (" + connectors.size() + " connectors: "
                    + String.join(", ", connectors.stream().map(ConnectorSpec::name).toList()) + ")");
            if (schemaOnly) {
                out.flush();
                return PipelineExitCodes.OK;
            }
            ConnectRestClient connect = options.connect();
            int errors = 0;
            for (ConnectorSpec c : connectors) {
                List<String> problems = problems(connect.validate(c.connectorClass(), c.config()));
                if (problems.isEmpty()) {
                    out.println("  " + c.name() + ": valid");
                } else {
                    out.println("  " + c.name() + ": " + problems.size() + (problems.size() == 1 ? " error" : " errors"));
                    problems.forEach(p -> out.println("    " + p));
                    errors += problems.size();
                }
            }
            out.println(errors == 0 ? "Valid." : "Invalid: " + errors + (errors == 1 ? " error" : " errors") + " reported by Kafka Connect at " + connect.url() + ".");
            out.flush();
            return errors == 0 ? PipelineExitCodes.OK : PipelineExitCodes.INVALID;
        });
    }

    /** Each key's errors in Connect's validate answer, as {@code key: message}. */
    static List<String> problems(JsonNode answer) {
        List<String> problems = new ArrayList<>();
        for (JsonNode c : answer.path("configs")) {
            String key = c.path("value").path("name").asText();
            c.path("value").path("errors").forEach(e -> problems.add(key + ": " + e.asText()));
        }
        return problems;
    }
}
