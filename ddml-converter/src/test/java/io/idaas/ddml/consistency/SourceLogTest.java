package io.idaas.ddml.consistency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceLogTest {

    @Test
    void lsnsBecomeSixteenHexDigitsOfTheirSixtyFourBitValue() {
        assertThat(SourceLog.hex16("0/18F92D0")).isEqualTo("00000000018f92d0");
        assertThat(SourceLog.hex16("1/0")).isEqualTo("0000000100000000");
        assertThat(SourceLog.hex16("FFFFFFFF/FFFFFFFF")).isEqualTo("ffffffffffffffff");
    }

    @Test
    void systemsAreNamedAsTheViewFileNamesThem() {
        assertThat(SourceLog.of("MySQL")).isEqualTo(SourceLog.MARIADB);
        assertThat(SourceLog.of("postgres")).isEqualTo(SourceLog.POSTGRESQL);
        assertThatThrownBy(() -> SourceLog.of("oracle")).hasMessageContaining("use mariadb, mysql or postgresql");
    }

    @Test
    void heartbeatsAreUpsertsOfOneRowPerWriter() {
        assertThat(SourceLog.MARIADB.beat("hb")).startsWith("INSERT INTO hb ").contains("ON DUPLICATE KEY UPDATE beat = beat + 1");
        assertThat(SourceLog.POSTGRESQL.beat("hb")).startsWith("INSERT INTO hb AS h ").contains("ON CONFLICT (id) DO UPDATE");
        assertThat(SourceLog.MARIADB.createHeartbeatTable("hb")).isEqualTo(SourceLog.POSTGRESQL.createHeartbeatTable("hb"));
    }
}
