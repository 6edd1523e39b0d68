package io.idaas.ddml.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
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
import io.idaas.ddml.Transaction;
import io.idaas.ddml.types.PortableType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hand-made DDML events for converter tests, and their Connect forms as the ToDdml transform emits them. */
public final class DdmlTestEvents {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** orders(id int64 PK, code bytes(16), amount decimal(10,2), ratio float64, placed timestamptz(6), tags array(string), day date, ref uuid). */
    public static final TableSchema ORDERS = TableSchema.of(List.of(
            Column.builder("id", PortableType.INT64).nativeType("BIGINT").nullable(false).build(),
            Column.builder("code", PortableType.bytes(16)).nativeType("BINARY(16)").nullable(false).build(),
            Column.of("amount", PortableType.decimal(10, 2)),
            Column.of("ratio", PortableType.FLOAT64),
            Column.of("placed", PortableType.timestampTz(6)),
            Column.of("tags", PortableType.arrayOf(PortableType.STRING)),
            Column.of("day", PortableType.DATE),
            Column.of("ref", PortableType.UUID)),
            List.of("id", "code"));

    private DdmlTestEvents() {
    }

    private static DdmlEvent.Builder base(long pos) {
        return DdmlEvent.builder()
                .source(Source.of(SourceSystem.MARIADB, "mariadb-main", "shop", null, "orders"))
                .position(Position.of(SortablePosition.of(SortablePosition.mysql("mariadb-bin.000003", pos),
                        SortablePosition.Phase.CHANGE, 0), Map.of("file", "mariadb-bin.000003", "pos", String.valueOf(pos))))
                .transaction(new Transaction("0-1-" + pos, 1, 1L, 1L))
                .time(Timing.of(1_764_000_000_000_000L, 1_764_000_000_100_000L, 1_764_000_000_200_000L))
                .schema(ORDERS);
    }

    /** A row of every kind of value, with a NaN, a unicode string, bytes and a NULL. */
    public static Row row(long id, String amount) {
        return Row.of("id", id, "code", new byte[] {0, 1, 2, (byte) 0xff}, "amount", new BigDecimal(amount),
                "ratio", Double.NaN, "placed", Instant.parse("2026-11-25T12:00:00.123456Z"),
                "tags", java.util.Arrays.asList("é", null, "日本"), "day", LocalDate.of(-44, 3, 15),
                "ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    }

    public static DdmlEvent insert(long id) {
        return base(4000 + id).dml(DmlChange.insert(row(id, "12.50"))).build();
    }

    public static DdmlEvent update(long id) {
        return base(5000 + id).dml(DmlChange.update(row(id, "12.50"), row(id, "-0.75"))).build();
    }

    public static DdmlEvent delete(long id) {
        return base(6000 + id).dml(DmlChange.delete(row(id, "-0.75"))).build();
    }

    /** An alter table adding a column (no key row: its record key is {@code {"_ddml_id": ...}}). */
    public static DdmlEvent addColumn() {
        Column note = Column.of("note", PortableType.string(200));
        List<Column> columns = new java.util.ArrayList<>(ORDERS.columns());
        columns.add(note);
        return base(7000).transaction(null).schema(TableSchema.of(columns, ORDERS.primaryKey()))
                .ddl(DdlChange.builder(DdlOp.ALTER_TABLE).statement("ALTER TABLE orders ADD note VARCHAR(200)")
                        .added(List.of(note)).build())
                .build();
    }

    /** The value as the ToDdml transform emits it: the DDML JSON as Maps and Lists (small integers as Integer). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(DdmlEvent event) {
        return PLAIN.convertValue(DdmlJson.toTree(event), Map.class);
    }

    /** The record key of a DML event with a key, as ToDdml emits it: the key row's JSON as a Map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> key(DdmlEvent event) {
        return PLAIN.convertValue(DdmlJson.toTree(event).path("dml").path("key"), Map.class);
    }
}
