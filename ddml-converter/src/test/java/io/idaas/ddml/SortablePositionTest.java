package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.SortablePosition.Phase;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortablePositionTest {

    @Test
    void mysqlOrdersByFileThenPositionThenPhaseThenIndex() {
        List<String> inOrder = List.of(
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000009", 999_999), Phase.CHANGE, 0),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 4), Phase.SNAPSHOT, 0),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 4), Phase.SNAPSHOT, 1),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 4), Phase.DERIVED_DDL, 0),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 4), Phase.CHANGE, 0),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 4), Phase.CHANGE, 2),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 4), Phase.CHANGE, 10),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.000010", 120), Phase.CHANGE, 0),
            SortablePosition.of(SortablePosition.mysql("mysql-bin.1000000", 4), Phase.CHANGE, 0));
        assertSorted(inOrder);
        assertThat(inOrder.get(1)).isEqualTo("0000000010:00000000000000000004/0/0000000000");
    }

    @Test
    void postgresOrdersByTransactionThenChangeLsn() {
        // transaction A (commit-ordered first) has a change at a later LSN than B's: the pair still orders A before B
        long a = SortablePosition.parsePgLsn("0/16B3748");
        long b = SortablePosition.parsePgLsn("0/16B3800");
        assertThat(SortablePosition.parsePgLsn("16/B374D848")).isEqualTo(0x16B374D848L);
        assertSorted(List.of(
            SortablePosition.of(SortablePosition.postgres(a, SortablePosition.parsePgLsn("0/16B3900")), Phase.CHANGE, 0),
            SortablePosition.of(SortablePosition.postgres(b, SortablePosition.parsePgLsn("0/16B3780")), Phase.CHANGE, 0),
            SortablePosition.of(SortablePosition.postgres(SortablePosition.parsePgLsn("FFFFFFFF/FFFFFFFF"), 0), Phase.CHANGE, 0)));
        assertThat(SortablePosition.postgres(1, 255)).isEqualTo("0000000000000001:00000000000000ff");
    }

    @Test
    void otherSystemsAreFixedWidth() {
        assertThat(SortablePosition.oracle(BigInteger.TEN, new BigInteger("18446744073709551615")))
            .isEqualTo("00000000000000000010:18446744073709551615");
        assertThat(SortablePosition.sqlServer("00000025:00000d10:0025", "00000025:00000d10:0002"))
            .isEqualTo("0000002500000d100025:0000002500000d100002");
        assertThat(SortablePosition.db2("00000000:0000150f:0000000000048fca", "1")).hasSize(65);
        assertThat(SortablePosition.mongodb(1_741_944_413L, 3)).isEqualTo("1741944413:0000000003");
        assertSorted(List.of(SortablePosition.sqlServer("00000025:00000d10:0025", "0"),
            SortablePosition.sqlServer("00000025:00000d11:0001", "0"), SortablePosition.sqlServer("00000026:00000000:0000", "0")));
    }

    @Test
    void numbersThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> SortablePosition.mysql("bin.12345678901", 1)).hasMessageContaining("10 decimal digits");
        assertThatThrownBy(() -> SortablePosition.of("x", Phase.CHANGE, -1)).hasMessageContaining("index");
        assertThatThrownBy(() -> SortablePosition.sqlServer("zz", "0")).hasMessageContaining("hex");
    }

    private static void assertSorted(List<String> inOrder) {
        List<String> sorted = new ArrayList<>(inOrder);
        sorted.sort(null);
        assertThat(sorted).containsExactlyElementsOf(inOrder);
    }
}
