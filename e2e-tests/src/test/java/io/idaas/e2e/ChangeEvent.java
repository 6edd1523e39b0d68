package io.idaas.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record of a Debezium topic as JsonConverter wrote it: the key's payload, and the value's payload (null for
 * a tombstone), with where it sits in the topic.
 */
record ChangeEvent(JsonNode key, JsonNode value, int partition, long offset) {

    boolean isTombstone() {
        return value == null;
    }

    /** Debezium's op: c, u, d, r (snapshot read), t (truncate); "tombstone" for a tombstone. */
    String op() {
        return isTombstone() ? "tombstone" : value.path("op").asText();
    }

    JsonNode before() {
        return value.path("before");
    }

    JsonNode after() {
        return value.path("after");
    }

    /** The row's key column {@code id}, from the record key. */
    int id() {
        return key.path("id").asInt();
    }

    /** {@code op:id}, e.g. {@code c:1}, the shape the order assertions compare. */
    String opAndId() {
        return op() + ":" + id();
    }
}
