package io.idaas.registry;

/** Bytes that are not a valid Confluent-framed Avro payload: too short, a wrong magic byte, or a truncated body. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
