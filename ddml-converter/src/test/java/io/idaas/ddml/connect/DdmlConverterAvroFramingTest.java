package io.idaas.ddml.connect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.DdmlJson;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/** DdmlConverter with ddml.format=avro, on failures that need no registry to answer. */
class DdmlConverterAvroFramingTest {

    private static final String TOPIC = "orders";

    private static DdmlConverter avro(boolean isKey, String url) {
        DdmlConverter c = new DdmlConverter();
        c.configure(Map.of("ddml.format", "avro", "schema.registry.url", url), isKey);
        return c;
    }

    @Test
    void aWrongMagicByteNamesTopicCauseAndFix() {
        byte[] json = DdmlJson.write(DdmlTestEvents.insert(1));
        assertThatThrownBy(() -> avro(false, "http://127.0.0.1:1").toConnectData(TOPIC, json))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot read the value of a record of topic 'orders' as DDML avro: ")
                .hasMessageContaining("the first byte is 0x7b, not the magic byte 0x00 (it looks like JSON)")
                .hasMessageContaining("Fix: the record holds JSON: read this topic with ddml.format=json");
        assertThatThrownBy(() -> avro(true, "http://127.0.0.1:1").toConnectData(TOPIC, new byte[] {1, 2, 3, 4, 5, 6}))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("DdmlConverter cannot read the key of a record of topic 'orders' as DDML avro: ")
                .hasMessageContaining("the first byte is 0x01")
                .hasMessageContaining("Fix: the record is not whole DDML Avro in the Confluent wire format (cut short, or written by another producer)");
    }

    @Test
    void aPayloadShorterThanTheHeaderIsRefused() {
        assertThatThrownBy(() -> avro(false, "http://127.0.0.1:1").toConnectData(TOPIC, new byte[] {0, 0}))
                .isInstanceOf(DataException.class).hasMessageContaining("2 bytes, fewer than the 5 of the header");
    }

    @Test
    void aRegistryThatDoesNotAnswerIsNamedAndRetriable() {
        // Not bad data: Connect retries a RetriableException for errors.retry.timeout rather than dead-lettering it.
        assertThatThrownBy(() -> avro(false, "http://127.0.0.1:1").fromConnectData(TOPIC, null, DdmlTestEvents.insert(1)))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("errors.retry.timeout")
                .hasMessageStartingWith("DdmlConverter cannot write the value for topic 'orders' as DDML avro: ")
                .hasMessageContaining("schema registry did not answer for subject 'orders-value'")
                .hasMessageContaining("Fix: check the registry's URL and that it runs");
    }
}
