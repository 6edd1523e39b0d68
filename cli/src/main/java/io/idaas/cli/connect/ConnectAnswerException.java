package io.idaas.cli.connect;

/** Kafka Connect answered, but with an error or with something that is not its REST API: said in one line. */
public final class ConnectAnswerException extends RuntimeException {

    public ConnectAnswerException(String message) {
        super(message);
    }
}
