package io.idaas.views.consistency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsistencyTokenTest {

    private static final String EARLY = "0000000001:00000000000000002049/2/0000000000";
    private static final String LATE = "0000000002:00000000000000000004/2/0000000000";

    @Test
    void readsWhatItWrites() {
        ConsistencyToken token = ConsistencyToken.parse("shop@" + EARLY);
        assertThat(token.source()).isEqualTo("shop");
        assertThat(token.position()).isEqualTo(EARLY);
        assertThat(token.sourcePart()).isEqualTo("0000000001:00000000000000002049");
        assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
    }

    @Test
    void tokensOfOneSourceOrderByPositionAndMaxKeepsTheLargest() {
        ConsistencyToken early = new ConsistencyToken("shop", EARLY);
        ConsistencyToken late = new ConsistencyToken("shop", LATE);
        assertThat(early).isLessThan(late);
        assertThat(early.max(late)).isEqualTo(late);
        assertThat(late.max(early)).isEqualTo(late);
        assertThat(late.max(null)).isEqualTo(late);
    }

    @Test
    void tokensOfDifferentSourcesDoNotCompare() {
        assertThatThrownBy(() -> new ConsistencyToken("shop", EARLY).compareTo(new ConsistencyToken("crm", LATE)))
                .hasMessageContaining("tokens of sources 'shop' and 'crm' do not compare");
    }

    @Test
    void badTextIsRefusedWithTheFix() {
        assertThatThrownBy(() -> ConsistencyToken.parse("0000000001:2049"))
                .hasMessageContaining("is not a consistency token").hasMessageContaining("GET /token");
        assertThatThrownBy(() -> ConsistencyToken.parse("shop@1:2"))
                .hasMessageContaining("is not a DDML sortable position");
        assertThatThrownBy(() -> ConsistencyToken.parse("sh op@" + EARLY)).hasMessageContaining("is not a source name");
    }
}
