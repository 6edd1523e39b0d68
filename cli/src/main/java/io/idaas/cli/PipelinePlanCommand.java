package io.idaas.cli;

import io.idaas.cli.pipeline.PipelinePlan;
import io.idaas.cli.pipeline.PipelineReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code idaas pipeline plan FILE}: what apply would create, change and delete; changes nothing. */
@Command(name = "plan",
        header = "Shows the connectors apply would create, change or delete; changes nothing.", mixinStandardHelpOptions = true,
        description = {"Shows what `idaas pipeline apply` would do, without changing anything: the connectors it would create, the keys",
                "it would change in running ones (against GET /connectors/{name}/config), and the connectors named after the",
                "pipeline (<name>-source, <name>-to-*) that the file no longer declares, which it would delete."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan is shown (nothing to do, or changes to apply)", "1:the file is invalid", "2:Kafka Connect does not answer"})
final class PipelinePlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--show-config", description = "Also list every key of the connectors to create.")
    boolean showConfig;

    @Override
    public Integer call() throws Exception {
        return PipelineExitCodes.run(spec, () -> {
            PipelineReader.Read read = options.read(spec.commandLine().getErr());
            PipelinePlan plan = PipelinePlan.of(read.pipeline(), options.connectors(read), options.connect());
            plan.print(spec.commandLine().getOut(), showConfig);
            spec.commandLine().getOut().flush();
            return PipelineExitCodes.OK;
        });
    }
}
