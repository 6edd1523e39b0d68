package io.idaas.transforms.ddml.process.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdlChange;
import io.idaas.ddml.DdlOp;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DmlChange;
import io.idaas.ddml.ModifiedColumn;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.Orders;
import io.idaas.transforms.ddml.process.Processors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** DdmlMask: hash, redact and null in before, after and key, the schema's types, DDL, and the settings' checks. */
class DdmlMaskTest {

    private static final String KEY = "0123456789abcdef-secret";
    private static final Row PAID = Orders.row(7, "paid", "12.50", "a@b.c");

    private static DdmlEvent through(Map<String, String> props, DdmlEvent event) {
        return Processors.through(DdmlMask::new, props, event);
    }

    /** HMAC-SHA256 in hex, computed here rather than by the transform's code. */
    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHashedColumnIsTheKeyedHmacOfItsValueInBeforeAndAfterAndAString64InTheSchema() throws Exception {
        DdmlEvent update = Orders.dml(DmlChange.update(PAID, Orders.row(7, "paid", "12.50", "x@y.z")));
        DdmlEvent out = through(Map.of("columns", "email:hash", "hash.key", KEY), update);
        assertThat(out.dml().before().get("email")).isEqualTo(hmac("a@b.c"));
        assertThat(out.dml().after().get("email")).isEqualTo(hmac("x@y.z"));
        assertThat(out.dml().after().get("status")).isEqualTo("paid");
        assertThat(out.dml().changed()).containsExactly("email");
        Column email = out.schema().column("email").orElseThrow();
        assertThat(email.type()).isEqualTo(PortableType.string(64));
        assertThat(email.nativeType()).isNull();
        assertThat(email.nullable()).isTrue();
        assertThat(out.schema().fingerprint()).isNotEqualTo(update.schema().fingerprint())
            .isEqualTo(TableSchema.of(out.schema().columns(), List.of("id")).fingerprint());
        DdmlEvent nullEmail = through(Map.of("columns", "email:hash", "hash.key", KEY),
            Orders.dml(DmlChange.insert(Orders.row(8, "new", "1.00", null))));
        assertThat(nullEmail.dml().after().values()).containsEntry("email", null);
    }

    @Test
    void aHashedKeyColumnIsHashedInTheKeyTheRecordKeyAndTheTombstoneThatFollows() throws Exception {
        DdmlMask<SourceRecord> mask = new DdmlMask<>();
        mask.configure(Map.of("columns", "id:hash", "hash.key", KEY));
        SourceRecord delete = mask.apply(Orders.source(Orders.dml(DmlChange.delete(PAID))));
        DdmlEvent event = io.idaas.transforms.ddml.Ddml.event(delete);
        assertThat(event.dml().key().values()).isEqualTo(Map.of("id", hmac("7")));
        assertThat(delete.key()).isEqualTo(Map.of("id", hmac("7")));
        assertThat(event.schema().primaryKey()).containsExactly("id");
        assertThat(event.schema().column("id").orElseThrow().nullable()).isFalse();
        SourceRecord tombstone = mask.apply(Processors.tombstone(Map.of("id", 7L)));
        assertThat(tombstone.key()).isEqualTo(delete.key());
        assertThat(tombstone.value()).isNull();
    }

    @Test
    void redactWritesAFixedValueOfTheColumnsTypeAndLeavesTheSchemaAsItIs() {
        DdmlEvent out = through(Map.of("columns", "status:redact,amount:redact,created:redact"),
            Orders.dml(DmlChange.insert(PAID)));
        assertThat(out.dml().after().get("status")).isEqualTo("****");
        assertThat(out.dml().after().get("amount")).isEqualTo(new BigDecimal("0.00"));
        assertThat(out.dml().after().get("created")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(out.dml().after().get("email")).isEqualTo("a@b.c");
        assertThat(out.schema()).isEqualTo(Orders.SCHEMA);
        Column tiny = Column.builder("code", PortableType.string(2)).build();
        TableSchema schema = TableSchema.of(List.of(Orders.ID, tiny), List.of("id"));
        DdmlEvent shortText = through(Map.of("columns", "code:redact"), Orders.dml(Orders.table("shop", "orders"), schema,
            DmlChange.insert(Row.of("id", 1L, "code", "DE"))));
        assertThat(shortText.dml().after().get("code")).isEqualTo("**");
        DdmlEvent alter = Orders.addColumn(Column.of("note", PortableType.STRING));
        assertThat(through(Map.of("columns", "note:redact"), alter)).isEqualTo(alter); // DDL untouched, statement kept
    }

    @Test
    void nullWritesNullInANullableColumn() {
        DdmlEvent out = through(Map.of("columns", "email:null"), Orders.dml(DmlChange.update(PAID, PAID)));
        assertThat(out.dml().before().values()).containsEntry("email", null);
        assertThat(out.dml().after().values()).containsEntry("email", null);
    }

    @Test
    void ddlOfAHashedColumnDescribesItAsString64AndLosesItsStatement() {
        DdmlEvent create = through(Map.of("columns", "email:hash", "hash.key", KEY), Orders.create());
        assertThat(create.ddl().added()).filteredOn(c -> c.name().equals("email")).singleElement()
            .extracting(Column::type).isEqualTo(PortableType.string(64));
        assertThat(create.ddl().statement()).isNull();
        Column wider = new Column("email", PortableType.string(128), "VARCHAR(128)", true, null, 128, null, null);
        TableSchema after = TableSchema.of(List.of(Orders.ID, Orders.STATUS, Orders.AMOUNT, wider, Orders.CREATED), List.of("id"));
        DdmlEvent widened = through(Map.of("columns", "email:hash", "hash.key", KEY), Orders.ddl(DdlChange.builder(
            DdlOp.ALTER_TABLE).statement("ALTER TABLE orders MODIFY email VARCHAR(128)")
            .modified(List.of(new ModifiedColumn(Orders.EMAIL, wider))).build(), after));
        assertThat(widened.ddl().modified()).isEmpty(); // a hash is string(64) before and after
        DdmlEvent added = through(Map.of("columns", "secret:hash", "hash.key", KEY),
            Orders.addColumn(Column.builder("secret", PortableType.INT32).nativeType("INT").nullable(false).build()));
        assertThat(added.ddl().added()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(PortableType.string(64));
            assertThat(c.nullable()).isFalse();
        });
    }

    @Test
    void aKeyColumnMaskedOtherwiseThanByHashANotNullColumnMaskedWithNullAndARedactedGeometryFail() {
        assertThatThrownBy(() -> through(Map.of("columns", "id:redact"), Orders.dml(DmlChange.insert(PAID))))
            .isInstanceOf(DataException.class).hasMessageContaining("table shop.orders")
            .hasMessageContaining("column 'id' is in the primary key [id] and masked with redact")
            .hasMessageContaining("mask it with hash");
        TableSchema notNull = TableSchema.of(List.of(Orders.ID, Column.builder("status", PortableType.string(16))
            .nullable(false).build()), List.of("id"));
        assertThatThrownBy(() -> through(Map.of("columns", "status:null"), Orders.dml(Orders.table("shop", "orders"),
            notNull, DmlChange.insert(Row.of("id", 1L, "status", "x"))))).isInstanceOf(DataException.class)
            .hasMessageContaining("column 'status' is NOT NULL, so it cannot be masked with null");
        assertThatThrownBy(() -> through(Map.of("columns", "pos:redact"), Orders.addColumn(Column.of("pos",
            PortableType.GEOMETRY)))).isInstanceOf(DataException.class).hasMessageContaining("mask it with hash or null");
    }

    @Test
    void validateReportsBadMasksAMissingOrShortKeyWithoutShowingIt() {
        DdmlMask<SourceRecord> t = new DdmlMask<>();
        assertThat(Processors.errors(t, Map.of("columns", "email:scramble"), "columns")).singleElement().asString()
            .contains("'scramble' is not a mode: use hash, redact or null");
        assertThat(Processors.errors(t, Map.of("columns", "email"), "columns")).singleElement().asString()
            .contains("'email' names no mode");
        assertThat(Processors.errors(t, Map.of("columns", "email:hash,email:null", "hash.key", KEY), "columns"))
            .singleElement().asString().contains("column 'email' is masked twice");
        assertThat(Processors.errors(t, Map.of("columns", "email:hash"), "hash.key")).singleElement().asString()
            .contains("a column is hashed but hash.key is not set");
        List<String> shortKey = Processors.errors(t, Map.of("columns", "email:hash", "hash.key", "short-secret"), "hash.key");
        assertThat(shortKey).singleElement().asString().contains("has 12 characters: give it at least 16")
            .doesNotContain("short-secret");
        assertThat(Processors.errors(t, Map.of("columns", "email:hash", "hash.key", KEY), "hash.key")).isEmpty();
        assertThat(Processors.errors(t, Map.of("columns", "email:redact"), "hash.key")).isEmpty();
        assertThatThrownBy(() -> t.configure(Map.of("columns", "email:hash"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("hash.key is not set");
        DdmlMaskConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }
}
