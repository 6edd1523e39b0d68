package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.dialect.Dialects;
import io.idaas.ddml.Column;
import io.idaas.ddml.Row;
import io.idaas.ddml.types.PortableType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The run bookkeeping before anything is sent: no connection is touched until a flush. */
class StatementBatchTest {

    private final List<Column> columns = List.of(Column.of("id", PortableType.decimal(10, 2)), Column.of("v", PortableType.STRING));

    private void upsert(StatementBatch batch, String id, String v, String position) throws Exception {
        BigDecimal key = new BigDecimal(id);
        batch.upsert("t", columns, List.of("id"), Row.of("id", key), new Object[] {key, v}, position);
    }

    @Test
    void keepsTheNewestPositionPerKeyComparingDecimalsByValue() throws Exception {
        StatementBatch batch = new StatementBatch(null, Dialects.forUrl("jdbc:postgresql://h/db"), 100);
        upsert(batch, "1.0", "a", "p3");
        upsert(batch, "2", "b", "p4");
        upsert(batch, "1.00", "older", "p2");
        upsert(batch, "2.000", "newer", "p5");
        upsert(batch, "2", "same position, later", "p5");
        assertThat(batch.pendingRows()).isEqualTo(2);
        assertThat(batch.pendingPositions()).containsExactly("p3", "p5");
    }
}
