package io.idaas.ddml.consistency;

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
        assertThat(token.withSource("demo")).hasToString("demo@" + EARLY);
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

    @Test
    void aMariaDbEventCoversTokensUpToWhereItsTransactionStarts() {
        ConsistencyToken token = new ConsistencyToken("s", EARLY);
        assertThat(token.isCoveredBy("0000000001:00000000000000002049/2/0000000003")).isTrue();
        assertThat(token.isCoveredBy("0000000002:00000000000000000004/2/0000000000")).isTrue();
        // a snapshot taken at the token's position holds every commit before it
        assertThat(token.isCoveredBy("0000000001:00000000000000002049/0/0000000000")).isTrue();
        assertThat(token.isCoveredBy("0000000001:00000000000000001831/2/0000000000")).isFalse();
        assertThat(token.isCoveredBy(null)).isFalse();
    }

    @Test
    void aPostgresEventCoversTokensUpToItsChangeLsnOrItsTransactionOrderLsn() {
        ConsistencyToken token = new ConsistencyToken("s", "00000000018f92d0:00000000018f92d0/2/0000000000");
        // lsn_commit of an earlier transaction, but its own change written after the token was read
        assertThat(token.isCoveredBy("00000000018f9000:00000000018f9300/2/0000000000")).isTrue();
        // the transaction before it committed after the token
        assertThat(token.isCoveredBy("00000000018f9400:00000000018f92c8/2/0000000000")).isTrue();
        assertThat(token.isCoveredBy("00000000018f9000:00000000018f92c8/2/0000000007")).isFalse();
    }

    @Test
    void theTextComparisonOtherLanguagesUseNeverSaysCoveredWhenTheRulesDoNot() {
        String[] tokens = {EARLY, "00000000018f92d0:00000000018f92d0/2/0000000000"};
        String[] events = {"0000000001:00000000000000001831/2/0000000009", "0000000001:00000000000000002049/2/0000000000",
                "0000000003:00000000000000000000/0/0000000000", "00000000018f9000:00000000018f9300/2/0000000000",
                "00000000018f9400:00000000018f92c8/2/0000000000", "00000000018f9000:00000000018f92c8/2/0000000007"};
        for (String t : tokens) {
            ConsistencyToken token = new ConsistencyToken("s", t);
            for (String e : events) {
                if (e.length() == t.length() && e.compareTo(t) >= 0) {
                    assertThat(token.isCoveredBy(e)).as("%s covers %s", e, t).isTrue();
                }
            }
        }
    }
}
