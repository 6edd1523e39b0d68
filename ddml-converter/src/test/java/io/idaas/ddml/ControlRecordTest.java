package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.ddml.ControlRecord.Kind;
import org.junit.jupiter.api.Test;

class ControlRecordTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(text);
    }

    @Test
    void aMarkerThatDoesNotFitIsRefusedNamingTheFieldDownToTheArrayElement() throws Exception {
        assertThatThrownBy(() -> new ControlRecord(Kind.TRANSACTION_MARKER, json("{\"status\":\"END\",\"id\":\"t1\","
                + "\"data_collections\":[{\"data_collection\":\"db.a\",\"event_count\":1},"
                + "{\"data_collection\":\"db.b\",\"event_count\":\"x\"}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TransactionMarker.data_collections[1].event_count is not a 64-bit integer");
        assertThatThrownBy(() -> new ControlRecord(Kind.TRANSACTION_MARKER, json("{\"status\":\"END\",\"id\":\"t1\","
                + "\"data_collections\":[5]}")))
                .hasMessage("TransactionMarker.data_collections[0] is not an object");
        assertThatThrownBy(() -> new ControlRecord(Kind.TRANSACTION_MARKER, json("{\"status\":\"END\"}")))
                .hasMessage("TransactionMarker.id is not a string");
    }

    @Test
    void aFieldTheKindDoesNotDefineIsKeptByReadersAndRefusedByWriters() throws Exception {
        ControlRecord marker = new ControlRecord(Kind.TRANSACTION_MARKER, json("{\"status\":\"BEGIN\",\"id\":\"t\",\"extra\":1}"));
        assertThat(marker.tree().get("extra").asInt()).isEqualTo(1);
        assertThatThrownBy(marker::requireKnownFields).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TransactionMarker has a field 'extra' that the control record does not define (SPEC.md section 9.1)");
        assertThat(new ControlRecord(Kind.TRANSACTION_MARKER, json("{\"status\":\"END\",\"id\":\"t\",\"event_count\":2}"))
                .requireKnownFields().tree().get("event_count").asLong()).isEqualTo(2);
    }
}
