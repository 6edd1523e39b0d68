package io.idaas.registry;

import org.apache.avro.Schema;

/** {@code <record full name>}: one lineage per record type, across topics; lets a topic hold several types. */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return SubjectNameStrategy.fullName(schema, "RecordNameStrategy");
    }
}
