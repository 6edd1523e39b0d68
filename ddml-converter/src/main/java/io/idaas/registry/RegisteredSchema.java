package io.idaas.registry;

import org.apache.avro.Schema;

/**
 * A schema as a subject of the registry holds it.
 *
 * @param subject the subject
 * @param id      the registry-wide id, the one the Confluent wire format carries
 * @param version the version under {@code subject}, from 1
 * @param schema  the Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
}
