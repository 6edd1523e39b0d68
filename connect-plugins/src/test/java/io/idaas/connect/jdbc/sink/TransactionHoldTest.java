package io.idaas.connect.jdbc.sink;

import io.idaas.connect.sink.TransactionMarkers;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.types.PortableType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trailing events of a source transaction are held until it ends: another transaction, or Debezium's END marker. */
class TransactionHoldTest {

    private static final TableSchema SCHEMA = TableSchema.of(List.of(Column.builder("id", PortableType.INT32).nullable(false).build()), List.of("id"));

    private static SinkRecord event(long offset, String tx, long order) {
        return event(SourceSystem.MARIADB, offset, tx, order);
    }

    private static SinkRecord event(SourceSystem system, long offset, String tx, long order) {
        DdmlEvent e = DdmlEvent.builder().source(Source.of(system, "m", "db", null, "t"))
            .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", 4), SortablePosition.Phase.CHANGE, order), Map.of()))
            .transaction(new Transaction(tx, order, null, null))
            .time(Timing.of(1L, 2L, 3L)).schema(SCHEMA).dml(DmlChange.insert(Row.of("id", (int) offset))).build();
        return new SinkRecord("db.t", 0, null, null, null, e, offset);
    }

    @Test
    void theLastTransactionIsHeldUntilAnotherBeginsOrItsEndMarkerIsRead() {
        TransactionHold hold = new TransactionHold(true, 1000, 60_000, () -> 0L);
        TransactionHold.Split first = hold.split(List.of(event(0, "0-1-1", 1), event(1, "0-1-2", 1), event(2, "0-1-2", 2)));
        assertThat(first.apply()).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        assertThat(first.hold()).isNotEmpty();
        hold.accept(first);

        hold.markEnded("0-1-2");
        TransactionHold.Split second = hold.split(List.of());
        assertThat(second.apply()).extracting(SinkRecord::kafkaOffset).containsExactly(1L, 2L);
        assertThat(second.hold()).isEmpty();
    }

    @Test
    void anEndMarkerReadBeforeTheEventsLetsThemGoAtOnce() {
        TransactionHold hold = new TransactionHold(true, 1000, 60_000, () -> 0L);
        hold.markEnded("0-1-3");
        TransactionHold.Split split = hold.split(List.of(event(5, "0-1-3", 1), event(6, "0-1-3", 2)));
        assertThat(split.apply()).hasSize(2);
        assertThat(split.hold()).isEmpty();
    }

    @Test
    void aPostgresTransactionEndsWithItsEndMarkerWhoseDebeziumIdCarriesAnLsn() {
        // DDML events of PostgreSQL carry the txid (SPEC.md section 4); Debezium's END marker of transaction 92692 says
        // 92692:85471856, with its own LSN.
        TransactionHold hold = new TransactionHold(true, 1000, 60_000, () -> 0L);
        TransactionHold.Split first = hold.split(List.of(event(SourceSystem.POSTGRESQL, 0, "92691", 1),
            event(SourceSystem.POSTGRESQL, 1, "92692", 1), event(SourceSystem.POSTGRESQL, 2, "92692", 2)));
        assertThat(first.apply()).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        hold.accept(first);
        hold.markEnded("92693:85471856"); // another transaction's END
        assertThat(hold.split(List.of()).apply()).isEmpty();
        hold.markEnded("92692:85471856");
        TransactionHold.Split released = hold.split(List.of());
        assertThat(released.apply()).extracting(SinkRecord::kafkaOffset).containsExactly(1L, 2L);
        hold.accept(released);
        // A marker read before its events lets them go at once.
        hold.markEnded("92694:85472000");
        assertThat(hold.split(List.of(event(SourceSystem.POSTGRESQL, 3, "92694", 1))).apply()).hasSize(1);
    }

    @Test
    void postgresEventsWrittenBeforeTheRuleAreReadByTheirTxid() {
        // Before TransactionIds, ToDdml copied Debezium's txid:lsn, with a different LSN on each change: such events of
        // one transaction are still held together, and released by the transaction's END marker.
        TransactionHold hold = new TransactionHold(true, 1000, 60_000, () -> 0L);
        TransactionHold.Split two = hold.split(List.of(event(SourceSystem.POSTGRESQL, 2, "754:100", 1),
            event(SourceSystem.POSTGRESQL, 3, "754:200", 2)));
        assertThat(two.apply()).isEmpty();
        hold.accept(two);
        hold.markEnded("754:300");
        assertThat(hold.split(List.of()).apply()).extracting(SinkRecord::kafkaOffset).containsExactly(2L, 3L);
    }

    @Test
    void idsOfOtherSystemsAreMatchedWhole() {
        // A MySQL GTID (server uuid:sequence) has a colon too: transactions of one server differ in their sequence.
        TransactionHold hold = new TransactionHold(true, 1000, 60_000, () -> 0L);
        TransactionHold.Split split = hold.split(List.of(event(SourceSystem.MYSQL, 0, "3e11fa47-71ca-11e1-9e33-c80aa9429562:23", 1),
            event(SourceSystem.MYSQL, 1, "3e11fa47-71ca-11e1-9e33-c80aa9429562:24", 1)));
        assertThat(split.apply()).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        hold.accept(split);
        hold.markEnded("3e11fa47-71ca-11e1-9e33-c80aa9429562:23");
        assertThat(hold.split(List.of()).apply()).isEmpty();
        // Ids of a system other than PostgreSQL that look like txid:lsn are not cut: 754:100 and 754:200 differ.
        TransactionHold other = new TransactionHold(true, 1000, 60_000, () -> 0L);
        assertThat(other.split(List.of(event(SourceSystem.SQLSERVER, 0, "754:100", 1), event(SourceSystem.SQLSERVER, 1, "754:200", 1)))
            .apply()).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
    }

    @Test
    void debeziumMarkersAreRecognizedAndDdmlEventsAreNot() {
        SinkRecord end = new SinkRecord("p.transaction", 0, null, Map.of("id", "0-1-2"), null,
            Map.of("status", "END", "id", "0-1-2", "event_count", 2L), 9);
        SinkRecord begin = new SinkRecord("p.transaction", 0, null, null, null, Map.of("status", "BEGIN", "id", "0-1-3"), 10);
        assertThat(TransactionMarkers.of(end)).contains(new TransactionMarkers.Marker(true, "0-1-2"));
        assertThat(TransactionMarkers.of(begin)).contains(new TransactionMarkers.Marker(false, "0-1-3"));
        assertThat(TransactionMarkers.of(event(0, "0-1-1", 1))).isEmpty();
        assertThat(TransactionMarkers.of(new SinkRecord("t", 0, null, null, null, Map.of("spec_version", "1.0", "id", "x"), 0))).isEmpty();
    }
}
