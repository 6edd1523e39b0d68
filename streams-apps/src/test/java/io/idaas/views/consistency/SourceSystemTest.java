package io.idaas.views.consistency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceSystemTest {

    @Test
    void lsnsBecomeSixteenHexDigitsOfTheirSixtyFourBitValue() {
        assertThat(SourceSystem.hex16("0/18F92D0")).isEqualTo("00000000018f92d0");
        assertThat(SourceSystem.hex16("1/0")).isEqualTo("0000000100000000");
        assertThat(SourceSystem.hex16("FFFFFFFF/FFFFFFFF")).isEqualTo("ffffffffffffffff");
    }

    @Test
    void aMariaDbHeartbeatCoversTokensUpToWhereItsTransactionStarts() {
        ConsistencyToken token = new ConsistencyToken("s", "0000000001:00000000000000002049/2/0000000000");
        assertThat(SourceSystem.MARIADB.covers("0000000001:00000000000000002049/2/0000000003", token)).isTrue();
        assertThat(SourceSystem.MARIADB.covers("0000000002:00000000000000000004/2/0000000000", token)).isTrue();
        assertThat(SourceSystem.MARIADB.covers("0000000001:00000000000000001831/2/0000000000", token)).isFalse();
    }

    @Test
    void aPostgresHeartbeatCoversTokensUpToItsChangeLsn() {
        ConsistencyToken token = new ConsistencyToken("s", "00000000018f92d0:00000000018f92d0/2/0000000000");
        // lsn_commit of an earlier transaction, but its own change written after the token was read
        assertThat(SourceSystem.POSTGRESQL.covers("00000000018f9000:00000000018f9300/2/0000000000", token)).isTrue();
        assertThat(SourceSystem.POSTGRESQL.covers("00000000018f9400:00000000018f92c8/2/0000000000", token)).isFalse();
    }

    @Test
    void systemsAreNamedAsTheViewFileNamesThem() {
        assertThat(SourceSystem.of("MySQL")).isEqualTo(SourceSystem.MARIADB);
        assertThat(SourceSystem.of("postgres")).isEqualTo(SourceSystem.POSTGRESQL);
        assertThatThrownBy(() -> SourceSystem.of("oracle")).hasMessageContaining("use mariadb, mysql or postgresql");
    }
}
