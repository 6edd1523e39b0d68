package io.idaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code idaas} command line. */
@Command(name = "idaas",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Incremental Data as a Service on Apache Kafka.",
        subcommands = {UpCommand.class, StatusCommand.class, PipelineCommand.class, TopicsCommand.class, PrintCommand.class, ViewsCommand.class, VerifyCommand.class,
                CommandLine.HelpCommand.class})
public final class Idaas {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Idaas())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
