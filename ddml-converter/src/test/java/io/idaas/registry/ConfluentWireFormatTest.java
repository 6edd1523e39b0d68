package io.idaas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfluentWireFormatTest {

    private static final Schema ORDER = SchemaBuilder.record("Order").namespace("io.idaas.test").fields()
            .requiredLong("id").requiredString("customer").optionalDouble("total").endRecord();

    private static GenericRecord order(long id, String customer, Double total) {
        GenericRecord r = new GenericData.Record(ORDER);
        r.put("id", id);
        r.put("customer", customer);
        r.put("total", total);
        return r;
    }

    @Test
    void roundTripCarriesTheSchemaIdBigEndianAfterMagicByteZero() {
        byte[] bytes = ConfluentWireFormat.encode(0x01020304, ORDER, order(7, "Zoë", 12.5));

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(0x01020304);
        GenericRecord back = (GenericRecord) ConfluentWireFormat.decode(bytes, id -> ORDER);
        assertThat(back.get("id")).isEqualTo(7L);
        assertThat(back.get("customer").toString()).isEqualTo("Zoë");
        assertThat(back.get("total")).isEqualTo(12.5);
    }

    @Test
    void decodesIntoAReaderSchemaWithAnAddedDefaultedField() {
        Schema reader = SchemaBuilder.record("Order").namespace("io.idaas.test").fields()
                .requiredLong("id").requiredString("customer").optionalDouble("total")
                .name("currency").type().stringType().stringDefault("EUR").endRecord();
        byte[] bytes = ConfluentWireFormat.encode(1, ORDER, order(1, "a", null));

        GenericRecord back = (GenericRecord) ConfluentWireFormat.decode(bytes, ORDER, reader);

        assertThat(back.get("currency").toString()).isEqualTo("EUR");
        assertThat(back.get("total")).isNull();
    }

    @Test
    void aPayloadShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("3 bytes, fewer than the 5 of the header");
    }

    @Test
    void aWrongMagicByteIsRefusedAndJsonIsRecognised() {
        assertThatThrownBy(() -> ConfluentWireFormat.decode("{\"id\":1}".getBytes(), id -> ORDER))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("the first byte is 0x7b, not the magic byte 0x00 (it looks like JSON)");
    }

    @Test
    void aTruncatedBodyNamesTheSchemaId() {
        byte[] bytes = ConfluentWireFormat.encode(42, ORDER, order(123456789L, "a customer with a long name", 1.0));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 4);

        assertThatThrownBy(() -> ConfluentWireFormat.decode(truncated, id -> ORDER))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("truncated Avro payload")
                .hasMessageContaining("schema id 42 (io.idaas.test.Order)");
    }

    @Test
    void bytesLeftOverMeanAnotherWriterSchema() {
        byte[] bytes = ConfluentWireFormat.encode(5, ORDER, order(1, "a", 2.0));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> ConfluentWireFormat.decode(longer, id -> ORDER))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("bytes left over");
    }
}
