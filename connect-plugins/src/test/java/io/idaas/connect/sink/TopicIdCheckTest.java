package io.idaas.connect.sink;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.idaas.connect.sink.TopicIdCheck.Decision.ADOPT;
import static io.idaas.connect.sink.TopicIdCheck.Decision.FAIL;
import static io.idaas.connect.sink.TopicIdCheck.Decision.RESTART;
import static io.idaas.connect.sink.TopicIdCheck.Decision.RESUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What becomes of stored offsets, from the stored id, the topic's current id and {@code topic.recreated}. */
class TopicIdCheckTest {

    private static final Uuid OLD = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
    private static final Uuid NEW = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAg");
    private static final TopicPartition ORDERS_0 = new TopicPartition("shop.orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("shop.orders", 1);
    private static final TopicPartition ITEMS_0 = new TopicPartition("shop.items", 0);

    @Test
    void theStoredIdAndTheCurrentOneDecide() {
        for (TopicRecreated policy : TopicRecreated.values()) {
            assertThat(TopicIdCheck.decide(OLD, OLD, policy)).as("same id").isEqualTo(RESUME);
            assertThat(TopicIdCheck.decide(null, NEW, policy)).as("stored by an older idaas").isEqualTo(ADOPT);
            assertThat(TopicIdCheck.decide(OLD, null, policy)).as("current id unknown").isEqualTo(RESUME);
            assertThat(TopicIdCheck.decide(null, null, policy)).isEqualTo(RESUME);
        }
        assertThat(TopicIdCheck.decide(OLD, NEW, TopicRecreated.FAIL)).isEqualTo(FAIL);
        assertThat(TopicIdCheck.decide(OLD, NEW, TopicRecreated.RESTART)).isEqualTo(RESTART);
    }

    @Test
    void offsetsOfTheSameTopicOrWithoutIdResumeAndPartitionsWithoutOffsetsAreLeftAlone() {
        TopicIdCheck check = check(TopicRecreated.FAIL);
        TopicIdCheck.Outcome outcome = check.decide(Set.of(ORDERS_0, ORDERS_1, ITEMS_0),
            Map.of(ORDERS_0, new TopicIdCheck.Stored(7, NEW), ITEMS_0, new TopicIdCheck.Stored(3, null),
                new TopicPartition("elsewhere", 0), new TopicIdCheck.Stored(9, OLD)),
            Map.of("shop.orders", NEW, "shop.items", OLD), topic -> "rows of " + topic);
        assertThat(outcome.resume()).isEqualTo(Map.of(ORDERS_0, 7L, ITEMS_0, 3L));
        assertThat(outcome.restart()).isEmpty();
        assertThat(outcome.ids()).isEqualTo(Map.of("shop.orders", NEW, "shop.items", OLD));
    }

    @Test
    void offsetsOfARecreatedTopicFailTheTaskNamingTheTopicTheIdsWhereTheyAreAndTheFixes() {
        TopicIdCheck check = check(TopicRecreated.FAIL);
        assertThatThrownBy(() -> check.decide(Set.of(ORDERS_0, ITEMS_0),
            Map.of(ORDERS_0, new TopicIdCheck.Stored(7, OLD), ITEMS_0, new TopicIdCheck.Stored(3, OLD)),
            Map.of("shop.orders", NEW, "shop.items", OLD), topic -> "the rows of topic " + topic + " in t"))
            .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("Topic 'shop.orders' was deleted and created again")
            .hasMessageContaining("written for topic id " + OLD + ", and the topic's id is now " + NEW)
            .hasMessageContaining("The stale offsets are the rows of topic shop.orders in t")
            .hasMessageContaining("delete them")
            .hasMessageContaining("idaas pipeline delete --purge")
            .hasMessageContaining("topic.recreated=restart");
    }

    @Test
    void withRestartTheRecreatedTopicsPartitionsGoBackToTheStartAndAreCounted() {
        SinkMetrics metrics = SinkMetrics.register(null);
        TopicIdCheck check = new TopicIdCheck(Map.of(), "applied.kafka.bootstrap.servers", TopicRecreated.RESTART, metrics);
        TopicIdCheck.Outcome outcome = check.decide(Set.of(ORDERS_0, ORDERS_1, ITEMS_0),
            Map.of(ORDERS_0, new TopicIdCheck.Stored(7, OLD), ORDERS_1, new TopicIdCheck.Stored(4, OLD),
                ITEMS_0, new TopicIdCheck.Stored(3, OLD)),
            Map.of("shop.orders", NEW, "shop.items", OLD), topic -> "rows");
        assertThat(outcome.restart()).containsExactlyInAnyOrder(ORDERS_0, ORDERS_1);
        assertThat(outcome.resume()).isEqualTo(Map.of(ITEMS_0, 3L));
        assertThat(metrics.recreatedTopics()).as("one topic").isEqualTo(1);
    }

    @Test
    void withoutAdminSettingsNothingIsReadAndStoredOffsetsResume() {
        TopicIdCheck check = new TopicIdCheck(Map.of(), "k", TopicRecreated.FAIL, null,
            config -> {
                throw new AssertionError("no admin client without settings");
            });
        assertThat(check.enabled()).isFalse();
        TopicIdCheck.Outcome outcome = check.check(Set.of(ORDERS_0), Map.of(ORDERS_0, new TopicIdCheck.Stored(7, OLD)),
            topic -> "rows");
        assertThat(outcome.resume()).isEqualTo(Map.of(ORDERS_0, 7L));
        assertThat(outcome.ids()).isEmpty();
    }

    @Test
    void kafkaNotAnsweringIsRetriableAndResumesNothing() {
        TopicIdCheck check = new TopicIdCheck(Map.of("bootstrap.servers", "nowhere:9092"), "applied.kafka.bootstrap.servers",
            TopicRecreated.FAIL, null, config -> {
                throw new org.apache.kafka.common.KafkaException("Failed to create new KafkaAdminClient");
            });
        assertThatThrownBy(() -> check.check(Set.of(ORDERS_0), Map.of(ORDERS_0, new TopicIdCheck.Stored(7, OLD)),
            topic -> "rows"))
            .isInstanceOf(TopicIdCheck.Unavailable.class).isInstanceOf(RetriableException.class)
            .hasMessageContaining("cannot read the ids of topics [shop.orders]")
            .hasMessageContaining("applied.kafka.bootstrap.servers");
    }

    private static TopicIdCheck check(TopicRecreated policy) {
        return new TopicIdCheck(Map.of(), "applied.kafka.bootstrap.servers", policy, null);
    }
}
