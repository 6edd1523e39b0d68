package io.idaas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {

    private static final Schema ORDER = SchemaBuilder.record("Order").namespace("shop.v1").fields().requiredLong("id").endRecord();

    @Test
    void topicNameStrategyAppendsKeyOrValue() {
        assertThat(new TopicNameStrategy().subject("orders", false, ORDER)).isEqualTo("orders-value");
        assertThat(new TopicNameStrategy().subject("orders", true, Schema.create(Schema.Type.LONG))).isEqualTo("orders-key");
    }

    @Test
    void recordNameStrategyUsesTheFullName() {
        assertThat(new RecordNameStrategy().subject("orders", false, ORDER)).isEqualTo("shop.v1.Order");
        assertThat(new RecordNameStrategy().subject("other", true, ORDER)).isEqualTo("shop.v1.Order");
    }

    @Test
    void topicRecordNameStrategyJoinsTopicAndFullName() {
        assertThat(new TopicRecordNameStrategy().subject("orders", false, ORDER)).isEqualTo("orders-shop.v1.Order");
    }

    @Test
    void recordStrategiesRefuseUnnamedSchemas() {
        assertThatThrownBy(() -> new RecordNameStrategy().subject("orders", true, Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RecordNameStrategy needs a record, enum or fixed schema")
                .hasMessageContaining("got string");
    }

    @Test
    void strategiesAreFoundByShortOrConfluentName() {
        assertThat(SubjectNameStrategy.named("topic")).isInstanceOf(TopicNameStrategy.class);
        assertThat(SubjectNameStrategy.named("io.confluent.kafka.serializers.subject.RecordNameStrategy")).isInstanceOf(RecordNameStrategy.class);
        assertThat(SubjectNameStrategy.named("topic-record")).isInstanceOf(TopicRecordNameStrategy.class);
        assertThatThrownBy(() -> SubjectNameStrategy.named("random"))
                .hasMessageContaining("unknown subject name strategy 'random'");
    }
}
