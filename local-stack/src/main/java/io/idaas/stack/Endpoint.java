package io.idaas.stack;

/** One address a running part of the stack offers, e.g. {@code ("Kafka bootstrap", "localhost:9092")}. */
public record Endpoint(String label, String value) {
}
