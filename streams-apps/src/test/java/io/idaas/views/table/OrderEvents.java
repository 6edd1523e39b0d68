package io.idaas.views.table;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.Position;
import io.idaas.ddml.Row;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.Source;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.Timing;
import io.idaas.ddml.types.PortableType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Hand-made DDML JSON events of a MariaDB table {@code shop.orders(id, status, amount)}, at binlog positions given by the test. */
public final class OrderEvents {

    public static final TableSchema ORDERS = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nullable(false).build(),
            Column.builder("status", PortableType.parse("string")).build(),
            Column.builder("amount", PortableType.parse("decimal(10,2)")).build()), List.of("id"));

    private OrderEvents() {
    }

    public static Row row(long id, String status, String amount) {
        return Row.of("id", id, "status", status, "amount", amount == null ? null : new BigDecimal(amount));
    }

    public static byte[] insert(long pos, long id, String status, String amount) {
        return write(pos, DmlChange.insert(row(id, status, amount)));
    }

    public static byte[] update(long pos, long id, String status, String amount) {
        return write(pos, DmlChange.update(Row.of("id", id), row(id, status, amount)));
    }

    public static byte[] partialUpdate(long pos, long id, String status) {
        return write(pos, DmlChange.update(Row.of("id", id), Row.of("id", id, "status", status)));
    }

    public static byte[] delete(long pos, long id) {
        return write(pos, DmlChange.delete(Row.of("id", id)));
    }

    /** An update its producer could not carry (SPEC.md section 6.1): no rows, {@code dml.omitted} instead. */
    public static byte[] omittedUpdate(long pos, long id) {
        return write(pos, new DmlChange(io.idaas.ddml.DmlOp.UPDATE, Row.of("id", id), null, null, null,
                io.idaas.ddml.Omitted.tooLarge(70_000_000L, 67_108_864L)));
    }

    /** An insert holding a value DDML cannot carry (SPEC.md sections 6.1 and 8.1): no rows, {@code dml.omitted} instead. */
    public static byte[] omittedInsert(long pos, long id) {
        return write(pos, new DmlChange(io.idaas.ddml.DmlOp.INSERT, Row.of("id", id), null, null, null,
                io.idaas.ddml.Omitted.unrepresentableValue("column amount (after, string, portable type decimal(10,2)): "
                        + "'NAN' (NaN or an infinity) has no DDML decimal value")));
    }

    public static byte[] truncate(long pos) {
        return write(pos, DmlChange.truncate());
    }

    private static byte[] write(long pos, DmlChange dml) {
        DdmlEvent event = DdmlEvent.builder()
                .source(Source.of(SourceSystem.MARIADB, "shop", "shop", null, "orders"))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("bin.000001", pos), SortablePosition.Phase.CHANGE, 0), Map.of()))
                .time(Timing.of(1L, 2L, 3L)).schema(ORDERS).dml(dml).build();
        return DdmlJson.write(event);
    }
}
