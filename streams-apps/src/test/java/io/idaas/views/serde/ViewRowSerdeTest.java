package io.idaas.views.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.views.table.ViewRow;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewRowSerdeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ViewRowSerde serde = new ViewRowSerde();

    @Test
    void aStoredRowReadsBackEqualAndGivesItsDocumentsTextAsStored() throws Exception {
        ObjectNode source = (ObjectNode) JSON.readTree("{\"id\":7,\"name\":\"Ada \\\"the\\\" first \\u00e9\",\"tags\":[1,{\"a\":null}],\"note\":\"日本\"}");
        ObjectNode document = (ObjectNode) JSON.readTree("{\"id\":7,\"name\":\"Ada \\\"the\\\" first \\u00e9\",\"nested\":{\"x\":[]}}");
        ObjectNode types = (ObjectNode) JSON.readTree("{\"id\":\"int64\",\"name\":\"string\"}");
        ViewRow row = new ViewRow(source, document, "0000000000000042", types);

        ViewRow read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", row));

        assertThat(read).isEqualTo(row);
        assertThat(read.inView()).isTrue();
        ViewRow.StoredPart text = read.storedDocument();
        assertThat(JSON.readTree(new String(text.bytes(), text.offset(), text.length(), StandardCharsets.UTF_8))).isEqualTo(document);
        assertThat(read.source()).isEqualTo(source);
        assertThat(read.types()).isEqualTo(types);
        assertThat(read.position()).isEqualTo("0000000000000042");
    }

    @Test
    void aRowOutsideTheViewHasNoDocumentAndNoTypes() {
        ObjectNode source = JSON.createObjectNode().put("id", 1);
        ViewRow read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", new ViewRow(source, null, "p")));

        assertThat(read.inView()).isFalse();
        assertThat(read.document()).isNull();
        assertThat(read.storedDocument()).isNull();
        assertThat(read.types()).isNull();
        assertThat(read.source()).isEqualTo(source);
    }

    @Test
    void aDamagedStoredRowIsRefusedWhenReadNotLater() {
        for (String text : new String[] {"{\"source\":{\"id\":1,\"position\":\"p\"}", "{\"source\":{\"id\":1},\"document\":{\"x\":tru},\"position\":\"p\"}",
                "{\"document\":{},\"position\":\"p\"}", "{\"source\":{\"id\":1}}", "{\"source\":[1],\"position\":\"p\"}", "[]"}) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", text.getBytes(StandardCharsets.UTF_8)))
                    .as(text).isInstanceOf(SerializationException.class).hasMessageContaining("a view row of t cannot be read");
        }
    }

    @Test
    void theSourceRowIsWrittenLastAndReadOnlyWhenAskedForAsIsARowWrittenWithItFirst() throws Exception {
        ObjectNode source = (ObjectNode) JSON.readTree("{\"id\":1,\"deep\":{\"a\":[1,2,{\"b\":\"}\"}]}}");
        byte[] written = serde.serializer().serialize("t", new ViewRow(source, JSON.createObjectNode().put("id", 1), "p"));
        assertThat(new String(written, StandardCharsets.UTF_8)).startsWith("{\"position\":\"p\"").endsWith("\"source\":" + source + "}");
        assertThat(serde.deserializer().deserialize("t", written).source()).isEqualTo(source);

        String sourceFirst = "{\"source\":" + source + ",\"document\":{\"id\":1},\"position\":\"p\"}";
        ViewRow old = serde.deserializer().deserialize("t", sourceFirst.getBytes(StandardCharsets.UTF_8));
        assertThat(old.source()).isEqualTo(source);
        assertThat(old.document()).isEqualTo(JSON.createObjectNode().put("id", 1));

        ViewRow damaged = serde.deserializer().deserialize("t", "{\"position\":\"p\",\"source\":{\"id\":tru}}".getBytes(StandardCharsets.UTF_8));
        assertThat(damaged.position()).isEqualTo("p");
        assertThatThrownBy(damaged::source).isInstanceOf(SerializationException.class).hasMessageContaining("cannot be read");
    }
}
