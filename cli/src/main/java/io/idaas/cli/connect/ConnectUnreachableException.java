package io.idaas.cli.connect;

import java.time.Duration;

/** The Kafka Connect REST API a command was pointed at does not answer: said in one line, without a stack trace or usage. */
public final class ConnectUnreachableException extends RuntimeException {

    public ConnectUnreachableException(String url) {
        super("cannot reach Kafka Connect at " + url + ": is it running? set --connect-url");
    }

    /** Connect took the connection but gave no answer to {@code call} (e.g. {@code GET /connectors}) within {@code timeout}. */
    public ConnectUnreachableException(String url, String call, Duration timeout) {
        super("Kafka Connect at " + url + " did not answer " + call + " within " + timeout.toSeconds() + " s");
    }
}
