package io.idaas.transforms.ddml;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlOp;
import java.math.BigDecimal;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Every op of the MySQL connector (GTIDs as server UUID:n, binlog files named binlog.N). */
class MySqlToDdmlTest {

    private static final String GTID = "3E11FA47-71CA-11E1-9E33-C80AA9429562:23";
    private final ToDdml<SourceRecord> toDdml = Ddml.transform();
    private final DebeziumRecords orders = MariaDbToDdmlTest.orders(DebeziumRecords.mysql("orders"))
        .at("file", "binlog.000012").at("pos", 157L).at("gtid", GTID).transaction(GTID, 1, 1);

    private static Object[] row(String status, Short paid) {
        return new Object[] {7L, "Ada", new BigDecimal("0.01"), status, paid, "1969-07-20T20:17:40Z", null};
    }

    @Test
    void everyOp() {
        DdmlEvent insert = Ddml.event(toDdml.apply(orders.insert(row("new", (short) 0))));
        assertThat(insert.source().system()).isEqualTo("mysql");
        assertThat(insert.id()).isEqualTo("mysql-main/0000000012:00000000000000000157/2/0000000000");
        assertThat(insert.transaction().id()).isEqualTo(GTID);
        assertThat(insert.position().nativeFields()).containsEntry("gtid", GTID).containsEntry("file", "binlog.000012");
        assertThat(insert.dml().after().get("placed_at")).hasToString("1969-07-20T20:17:40Z");

        orders.at("pos", 400L).at("row", 2).transaction(GTID, 3, 3);
        DdmlEvent update = Ddml.event(toDdml.apply(orders.update(row("new", (short) 0), row("paid", (short) 1))));
        assertThat(update.dml().changed()).containsExactly("status", "paid");
        assertThat(update.id()).endsWith("/2/0000000002");

        DdmlEvent delete = Ddml.event(toDdml.apply(orders.delete(row("paid", (short) 1))));
        assertThat(delete.dml().op()).isEqualTo(DmlOp.DELETE);
        assertThat(Ddml.keyJson(toDdml.apply(orders.tombstone(7L)))).isEqualTo("{\"id\":7}");

        DdmlEvent truncate = Ddml.event(toDdml.apply(orders.at("pos", 900L).at("row", 0).truncate()));
        assertThat(truncate.dml().op()).isEqualTo(DmlOp.TRUNCATE);

        orders.at("snapshot", "first").at("pos", 100L);
        DdmlEvent read = Ddml.event(toDdml.apply(orders.read(row("new", null))));
        assertThat(read.id()).isEqualTo("mysql-main/0000000012:00000000000000000100/0/0000000000");
        assertThat(read.transaction()).isNull();
        assertThat(read.dml().after().get("paid")).isNull();
    }

    @Test
    void eventsOfOneTransactionOrderByTheirPlaceInItNotByRow() {
        // BEGIN; INSERT (7); UPDATE 7; DELETE 7; COMMIT: Debezium gives all three the transaction's start position and
        // row 0 (each statement has its own rows event); only total_order tells their order.
        DebeziumRecords tx = MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders"))
            .at("file", "mariadb-bin.000003").at("pos", 4567L).at("row", 0).at("gtid", "0-1-42");
        DdmlEvent insert = Ddml.event(toDdml.apply(tx.transaction("0-1-42", 1, 1).insert(row("new", (short) 0))));
        DdmlEvent update = Ddml.event(toDdml.apply(tx.transaction("0-1-42", 2, 2).update(row("new", (short) 0), row("paid", (short) 1))));
        DdmlEvent delete = Ddml.event(toDdml.apply(tx.transaction("0-1-42", 3, 3).delete(row("paid", (short) 1))));

        assertThat(insert.position().sortable()).isLessThan(update.position().sortable());
        assertThat(update.position().sortable()).isLessThan(delete.position().sortable());
        assertThat(delete.id()).endsWith("0000000003:00000000000000004567/2/0000000002");
    }

    @Test
    void withoutTransactionMetadataEventsAtOnePositionAreCountedInTheOrderTheyCome() {
        DebeziumRecords plain = MariaDbToDdmlTest.orders(DebeziumRecords.mariadb("orders"))
            .at("file", "mariadb-bin.000003").at("pos", 5000L).at("row", 0);
        DdmlEvent first = Ddml.event(toDdml.apply(plain.insert(row("new", (short) 0))));
        DdmlEvent second = Ddml.event(toDdml.apply(plain.update(row("new", (short) 0), row("paid", (short) 1))));
        assertThat(first.position().sortable()).isLessThan(second.position().sortable());
    }

    @Test
    void headersCanBeTurnedOff() {
        ToDdml<SourceRecord> quiet = Ddml.transform(java.util.Map.of("headers.enabled", "false"));
        SourceRecord out = quiet.apply(orders.insert(row("new", (short) 0)));
        assertThat(Ddml.headers(out)).doesNotContainKey("ddml.id");
    }
}
