package io.idaas.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicArrivalsTest {

    private static long sentAt(String json) {
        return TopicArrivals.sentAt(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sentAtIsReadFromTheRowAfterTheChangeNotFromTheRowBefore() {
        assertThat(sentAt("{\"spec_version\":\"1.0\",\"dml\":{\"op\":\"update\",\"key\":{\"id\":7},"
                + "\"before\":{\"id\":7,\"sent_at\":111},\"after\":{\"id\":7,\"note\":\"x\",\"sent_at\":1733561234567890}}}"))
                .isEqualTo(1733561234567890L);
        assertThat(sentAt("{\"dml\":{\"op\":\"insert\",\"after\":{\"id\":1,\"sent_at\":42}}}")).isEqualTo(42);
    }

    @Test
    void anEventWithoutItIsMinusOne() {
        assertThat(sentAt("{\"dml\":{\"op\":\"delete\",\"before\":{\"id\":1,\"sent_at\":42},\"after\":null}}")).isEqualTo(-1);
        assertThat(sentAt("{\"ddl\":{\"op\":\"create_table\"}}")).isEqualTo(-1);
        assertThat(TopicArrivals.sentAt(null)).isEqualTo(-1);
    }
}
