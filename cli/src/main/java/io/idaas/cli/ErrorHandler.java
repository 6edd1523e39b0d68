package io.idaas.cli;

import io.idaas.cli.connect.ConnectAnswerException;
import io.idaas.cli.connect.ConnectUnreachableException;
import io.idaas.stack.StackStartException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints what went wrong and how to fix it, without a stack trace, for errors users can act on. */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int STACK_FAILED = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof StackStartException s) {
            cmd.getErr().println(cmd.getColorScheme().errorText("idaas: " + s.getMessage()));
            return STACK_FAILED;
        }
        if (e instanceof KafkaUnreachableException || e instanceof ConnectUnreachableException
                || e instanceof ConnectAnswerException) {
            cmd.getErr().println(cmd.getColorScheme().errorText("idaas: " + e.getMessage()));
            return 1;
        }
        if (e instanceof IllegalArgumentException) {
            cmd.getErr().println(cmd.getColorScheme().errorText("idaas: " + e.getMessage()));
            cmd.usage(cmd.getErr());
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
        throw new RuntimeException(e);
    }
}
