package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.ControlRecord;
import io.idaas.ddml.DdmlEvent;

/**
 * One encoding of DDML on Kafka ({@code ddml.format}): events as values, key rows as keys, and the control records
 * (SPEC.md section 9.1: transaction markers, heartbeats and their keys) as either.
 */
interface DdmlCodec {

    byte[] writeEvent(String topic, DdmlEvent event);

    /** A control record, as a key or a value as its kind says. */
    byte[] writeControl(String topic, ControlRecord control);

    /** A value: a {@link DdmlEvent} or a {@link ControlRecord}. */
    Object readValue(String topic, byte[] bytes);

    byte[] writeKey(String topic, ObjectNode key);

    /** A key: a DDML key row, or the JSON form of a control record's key. */
    ObjectNode readKey(String topic, byte[] bytes);
}
