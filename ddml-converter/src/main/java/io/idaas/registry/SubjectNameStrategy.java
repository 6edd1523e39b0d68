package io.idaas.registry;

import org.apache.avro.Schema;

import java.util.Locale;

/**
 * How a topic's keys or values name their subject in the schema registry, as Confluent's serializers do
 * ({@code key.subject.name.strategy}, {@code value.subject.name.strategy}).
 */
@FunctionalInterface
public interface SubjectNameStrategy {

    /**
     * @param topic  the Kafka topic
     * @param isKey  whether the schema is the record key's
     * @param schema the schema to register; {@link RecordNameStrategy} and {@link TopicRecordNameStrategy} need its
     *               full name
     */
    String subject(String topic, boolean isKey, Schema schema);

    /**
     * The strategy called {@code name}: {@code topic}, {@code record} or {@code topic-record}, or the simple or full
     * name of Confluent's class ({@code TopicNameStrategy}, {@code io.confluent.kafka.serializers.subject.RecordNameStrategy}).
     */
    static SubjectNameStrategy named(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1).trim().toLowerCase(Locale.ROOT);
        return switch (simple) {
            case "topic", "topicnamestrategy" -> new TopicNameStrategy();
            case "record", "recordnamestrategy" -> new RecordNameStrategy();
            case "topic-record", "topicrecordnamestrategy" -> new TopicRecordNameStrategy();
            default -> throw new IllegalArgumentException("unknown subject name strategy '" + name
                    + "': choose topic (TopicNameStrategy), record (RecordNameStrategy) or topic-record (TopicRecordNameStrategy)");
        };
    }

    /** The full name of a named schema (record, enum, fixed); refuses the others, which have none. */
    static String fullName(Schema schema, String strategy) {
        boolean named = schema != null && switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
        if (!named) {
            throw new IllegalArgumentException(strategy + " needs a record, enum or fixed schema, which has a full name; got "
                    + (schema == null ? "no schema" : schema.getType().getName()));
        }
        return schema.getFullName();
    }
}
