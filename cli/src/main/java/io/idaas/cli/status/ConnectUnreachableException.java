package io.idaas.cli.status;

/** The Kafka Connect REST API a command was pointed at does not answer: said in one line, without a stack trace or usage. */
public final class ConnectUnreachableException extends RuntimeException {

    public ConnectUnreachableException(String url) {
        super("cannot reach Kafka Connect at " + url + ": is it running? set --connect-url");
    }
}
