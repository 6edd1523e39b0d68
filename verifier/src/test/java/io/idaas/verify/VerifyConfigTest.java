package io.idaas.verify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad options are refused with a message naming the option and the fix. */
class VerifyConfigTest {

    private static VerifyConfig.Builder valid() {
        return VerifyConfig.builder().source("jdbc:mariadb://a/db", "u", "p").target("jdbc:postgresql://b/db", "u", "p").table("t");
    }

    @Test
    void tablesMayBeRenamedOnTheTarget() {
        VerifyConfig config = valid().table("shop.orders=public.orders_copy").build();
        assertThat(config.tables()).containsExactly(new TableMapping("t", "t"), new TableMapping("shop.orders", "public.orders_copy"));
        assertThat(TableMapping.schemaOf("shop.orders")).isEqualTo("shop");
        assertThat(TableMapping.tableOf("shop.orders")).isEqualTo("orders");
        assertThat(TableMapping.schemaOf("orders")).isNull();
    }

    @Test
    void refusesMissingAndBadValues() {
        assertThatThrownBy(() -> VerifyConfig.builder().target("jdbc:postgresql://b/db", "u", "p").table("t").build())
                .hasMessageContaining("--source");
        assertThatThrownBy(() -> valid().chunkRows(0).build()).hasMessageContaining("--chunk-rows");
        assertThatThrownBy(() -> valid().fanout(1).build()).hasMessageContaining("--fanout");
        assertThatThrownBy(() -> valid().parallel(0).build()).hasMessageContaining("--parallel");
        assertThatThrownBy(() -> valid().parallel(65).build()).hasMessageContaining("--parallel");
        assertThat(valid().build().parallel()).isEqualTo(VerifyConfig.DEFAULT_PARALLEL);
        assertThatThrownBy(() -> valid().recheck(-1, Duration.ZERO).build()).hasMessageContaining("--recheck-rounds");
        assertThatThrownBy(() -> VerifyConfig.builder().source("jdbc:mariadb://a/db", "u", "p").target("jdbc:postgresql://b/db", "u", "p").build())
                .hasMessageContaining("--table");
        assertThatThrownBy(() -> valid().table("=x").build()).hasMessageContaining("SRC=DST");
    }

    @Test
    void theIncrementalModeNeedsKafkaAKnownTableAndRowComparison() {
        assertThatThrownBy(() -> valid().changesTopic("t", "topic").build()).hasMessageContaining("--bootstrap-server");
        assertThatThrownBy(() -> valid().bootstrapServers("k:9092").changesTopic("other", "topic").build()).hasMessageContaining("'other'");
        assertThatThrownBy(() -> valid().bootstrapServers("k:9092").changesTopic("t", "topic").mode(Mode.COUNT).build()).hasMessageContaining("--mode");
        assertThatThrownBy(() -> valid().since(Instant.EPOCH).build()).hasMessageContaining("--changes-topic");
        assertThat(valid().bootstrapServers("k:9092").changesTopic("t", "topic").since(Instant.EPOCH).build().changes().topics())
                .containsEntry("t", "topic");
    }

    @Test
    void passwordsInUrlsAreHiddenInReports() {
        assertThat(new VerifyConfig.Database("jdbc:postgresql://h/db?user=u&password=secret&ssl=true", null, null).displayUrl())
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }
}
