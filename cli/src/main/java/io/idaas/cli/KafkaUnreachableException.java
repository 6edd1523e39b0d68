package io.idaas.cli;

/** The Kafka cluster a command was pointed at does not answer: said in one line, without a stack trace or usage. */
final class KafkaUnreachableException extends RuntimeException {

    KafkaUnreachableException(String message) {
        super(message);
    }
}
