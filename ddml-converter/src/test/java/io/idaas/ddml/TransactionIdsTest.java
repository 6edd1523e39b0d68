package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Debezium's transaction ids turned into DDML's (SPEC.md §4): one id per transaction, whatever record carries it. */
class TransactionIdsTest {

    @Test
    void aPostgresIdIsItsTxidWhateverTheLsnOfTheRecordCarryingIt() {
        // Debezium 3.5's PostgreSQL connector: txid:lsn, the LSN of each change and of the END marker
        assertThat(TransactionIds.fromDebezium("postgresql", "92692:85471672")).isEqualTo("92692");
        assertThat(TransactionIds.fromDebezium("postgresql", "92692:85471856")).isEqualTo("92692");
        // a DDML id (or an id without an LSN) stays as it is, so old events and new ones read alike
        assertThat(TransactionIds.fromDebezium("postgresql", "92692")).isEqualTo("92692");
    }

    @Test
    void otherSystemsKeepDebeziumsIdWhicheverFormItHas() {
        assertThat(TransactionIds.fromDebezium("mariadb", "0-1-43")).isEqualTo("0-1-43");
        assertThat(TransactionIds.fromDebezium("mysql", "3e11fa47-71ca-11e1-9e33-c80aa9429562:23"))
            .isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:23");
        assertThat(TransactionIds.fromDebezium("mysql", "file=mysql-bin.000003,pos=1234")).isEqualTo("file=mysql-bin.000003,pos=1234");
        // only PostgreSQL's ids have an LSN to take off: an id of that form from another system is kept whole
        assertThat(TransactionIds.fromDebezium("sqlserver", "754:300")).isEqualTo("754:300");
        assertThat(TransactionIds.fromDebezium("oracle", "0a001b00c2030000")).isEqualTo("0a001b00c2030000");
    }

    @Test
    void aMarkerStandsForTheIdOfEachSystemThatCouldHaveWrittenIt() {
        assertThat(TransactionIds.ofMarker("92692:85471856")).containsExactlyInAnyOrder("92692:85471856", "92692");
        assertThat(TransactionIds.ofMarker("0-1-43")).containsExactly("0-1-43");
        assertThat(TransactionIds.ofMarker("3e11fa47-71ca-11e1-9e33-c80aa9429562:23"))
            .containsExactly("3e11fa47-71ca-11e1-9e33-c80aa9429562:23");
        assertThat(TransactionIds.ofMarker("92692:85471856")).contains(TransactionIds.fromDebezium("postgresql", "92692:85471672"));
    }
}
