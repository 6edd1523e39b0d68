package io.idaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code idaas pipeline}: one YAML file per replication, turned into Kafka Connect connectors. */
@Command(name = "pipeline",
        header = "Runs a replication declared in one pipeline file: validate, plan, apply, status, verify, delete.", mixinStandardHelpOptions = true,
        description = {"Runs a replication declared in one pipeline file (YAML: source, processors, targets, DDL policy, dead letters,",
                "verification; pipelines/README.md) as Kafka Connect connectors made from the shipped connect-configs."},
        subcommands = {PipelineValidateCommand.class, PipelinePlanCommand.class, PipelineApplyCommand.class, PipelineStatusCommand.class,
                PipelineVerifyCommand.class, PipelineDeleteCommand.class, CommandLine.HelpCommand.class})
final class PipelineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
