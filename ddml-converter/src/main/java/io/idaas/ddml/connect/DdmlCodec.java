package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.DdmlEvent;

/** One encoding of DDML on Kafka ({@code ddml.format}): events as values, key rows as keys. */
interface DdmlCodec {

    byte[] writeEvent(String topic, DdmlEvent event);

    DdmlEvent readEvent(String topic, byte[] bytes);

    byte[] writeKey(String topic, ObjectNode key);

    ObjectNode readKey(String topic, byte[] bytes);
}
