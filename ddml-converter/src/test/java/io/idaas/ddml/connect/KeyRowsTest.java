package io.idaas.ddml.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.registry.ConfluentWireFormat;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class KeyRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theKeySchemaIsTheEnvelopesRowMap() {
        assertThat(KeyRows.SCHEMA.getType()).isEqualTo(org.apache.avro.Schema.Type.MAP);
        assertThat(KeyRows.SCHEMA.getValueType().getFullName()).isEqualTo("io.idaas.ddml.v1.Value");
    }

    @Test
    void aKeyRoundTripsThroughAvroBinaryWithItsJsonContent() throws Exception {
        ObjectNode key = (ObjectNode) JSON.readTree("{\"id\":-9223372036854775808,\"code\":\"AAEC/w==\",\"amount\":\"12.50\","
                + "\"r\":\"NaN\",\"f\":1.5,\"b\":true,\"n\":null,\"tags\":[\"a\",null,[1]],\"_ddml_id\":\"x/1\"}");
        byte[] framed = ConfluentWireFormat.encode(7, KeyRows.SCHEMA, KeyRows.toAvro(key));
        Object read = ConfluentWireFormat.decode(framed, KeyRows.reader(KeyRows.SCHEMA));
        assertThat(KeyRows.fromAvro(read).toString()).isEqualTo(key.toString()); // same columns, same order
    }

    @Test
    void readsTheBytesBranchAsBase64AndNonFiniteDoublesAsText() {
        GenericRecord bytes = new GenericData.Record(KeyRows.SCHEMA.getValueType());
        bytes.put(0, ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}));
        GenericRecord inf = new GenericData.Record(KeyRows.SCHEMA.getValueType());
        inf.put(0, Double.NEGATIVE_INFINITY);
        assertThat(KeyRows.fromAvro(Map.of("code", bytes)).toString()).isEqualTo("{\"code\":\"AAEC/w==\"}");
        assertThat(KeyRows.fromAvro(Map.of("r", inf)).toString()).isEqualTo("{\"r\":\"-Infinity\"}");
    }
}
