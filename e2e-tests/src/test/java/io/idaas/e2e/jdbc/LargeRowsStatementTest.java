package io.idaas.e2e.jdbc;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.connect.jdbc.dialect.Dialects;
import io.idaas.connect.jdbc.sink.StatementBatch;
import io.idaas.ddml.Column;
import io.idaas.ddml.Row;
import io.idaas.ddml.types.PortableType;
import io.idaas.e2e.SourceDatabase;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink's multi-row statements are cut by bytes as well as by rows: six rows of 16 MiB each, applied together (as a
 * source transaction of six large rows is), reach a MariaDB target whose max_allowed_packet is 64M (the local stack's),
 * in one target transaction. As one statement they were 96 MiB of values, which MariaDB refuses.
 */
@ExtendWith(LocalStackExtension.class)
class LargeRowsStatementTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void sixRowsOf16MiBReachMariaDbInOneTransaction(LocalStack stack) throws Exception {
        String table = "big_rows_" + UUID.randomUUID().toString().substring(0, 8);
        Dialect dialect = Dialects.forUrl(stack.mariadb().jdbcUrl());
        List<Column> columns = List.of(Column.builder("id", PortableType.INT32).nullable(false).build(),
                Column.of("v", PortableType.STRING));
        try (Connection db = SourceDatabase.MARIADB.open(stack); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v LONGTEXT, " + Dialect.POSITION_COLUMN + " "
                    + dialect.positionColumnType() + ")");
            db.setAutoCommit(false);
            List<String> values = new ArrayList<>();
            try (StatementBatch batch = new StatementBatch(db, dialect, 1000)) {
                for (int id = 1; id <= 6; id++) {
                    String v = String.valueOf((char) ('a' + id)).repeat(16 * MIB);
                    values.add(v);
                    batch.upsert(table, columns, List.of("id"), Row.of("id", id), new Object[] {id, v},
                            "0000000001:00000000000000000004/2/000000000" + id);
                }
                batch.flush();
            }
            db.commit();
            try (ResultSet rs = sql.executeQuery("SELECT id, LENGTH(v), SUBSTRING(v, 1, 1), SUBSTRING(v, " + 16 * MIB + ", 1) FROM "
                    + table + " ORDER BY id")) {
                for (int id = 1; id <= 6; id++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(id);
                    assertThat(rs.getLong(2)).isEqualTo(16L * MIB);
                    assertThat(rs.getString(3)).isEqualTo(values.get(id - 1).substring(0, 1));
                    assertThat(rs.getString(4)).isEqualTo(values.get(id - 1).substring(0, 1));
                }
                assertThat(rs.next()).isFalse();
            }
            sql.execute("DROP TABLE " + table);
        }
    }
}
