package io.idaas.registry;

import org.apache.avro.Schema;

/** {@code <topic>-<record full name>}: one lineage per record type and topic. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return topic + "-" + SubjectNameStrategy.fullName(schema, "TopicRecordNameStrategy");
    }
}
