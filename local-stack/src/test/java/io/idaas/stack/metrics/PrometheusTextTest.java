package io.idaas.stack.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader takes what the format allows, and names the line of what it does not. */
class PrometheusTextTest {

    @Test
    void readsHelpTypeLabelsEscapesSpecialValuesAndTimestamps() {
        PrometheusText.Scrape scrape = PrometheusText.parse("""
            # HELP a_total Some help, with spaces.
            # TYPE a_total counter
            a_total{connector="c",task="0"} 3.0
            a_total{connector="say \\"hi\\"\\\\n",task="1",} 1e3 1700000000000
            # a plain comment
            # TYPE b gauge
            b NaN
            b{x="1"} +Inf
            b{x="2"} -Inf
            # TYPE h histogram
            h_bucket{le="+Inf"} 2
            h_sum 1.5
            h_count 2
            """);
        assertThat(scrape.types()).containsEntry("a_total", "counter").containsEntry("b", "gauge");
        assertThat(scrape.find("a_total", Map.of("task", "0"))).get().extracting(PrometheusText.Sample::value).isEqualTo(3.0);
        assertThat(scrape.find("a_total", Map.of("task", "1"))).get().satisfies(s -> {
            assertThat(s.labels()).containsEntry("connector", "say \"hi\"\\n");
            assertThat(s.value()).isEqualTo(1000.0);
        });
        assertThat(scrape.named("b")).extracting(PrometheusText.Sample::value)
            .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(scrape.startingWith("h_")).hasSize(3);
    }

    @Test
    void refusesWhatTheFormatDoesNotAllow() {
        assertThatThrownBy(() -> PrometheusText.parse("1abc 1\n")).hasMessageContaining("line 1").hasMessageContaining("not a metric name");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=1} 1\n")).hasMessageContaining("not quoted");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\" 1\n")).hasMessageContaining("expected , or }");
        assertThatThrownBy(() -> PrometheusText.parse("a one\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PrometheusText.parse("a 1 2 3\n")).hasMessageContaining("at most a timestamp");
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n# TYPE a gauge\n")).hasMessageContaining("line 2")
            .hasMessageContaining("after its samples");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\n# TYPE a gauge\n")).hasMessageContaining("second TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a meter\n")).hasMessageContaining("unknown type");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\",x=\"2\"} 1\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PrometheusText.parse("a 1")).hasMessageContaining("line feed");
    }
}
