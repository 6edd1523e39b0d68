package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.connect.DdmlTestEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaSpansTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSchemaReadBeforeFromTheSameBytesIsTakenAgainAndTheEventIsWhatAFreshReadGives() {
        byte[] first = DdmlJson.write(DdmlTestEvents.insert(1));
        byte[] second = DdmlJson.write(DdmlTestEvents.update(1));
        DdmlEvent a = DdmlJson.read(first);
        DdmlEvent b = DdmlJson.read(second);
        assertThat(b.schema()).isSameAs(a.schema());
        assertThat(b).isEqualTo(DdmlJson.fromTree(DdmlJson.toTree(DdmlTestEvents.update(1))));
        assertThat(DdmlJson.write(b)).isEqualTo(second);
        assertThat(DdmlJson.read(second)).isEqualTo(b);
    }

    @Test
    void theSpanIsTheTopLevelSchemaObjectOnly() {
        String schema = "{\"fingerprint\":\"ab12\",\"columns\":[{\"name\":\"schema\"}],\"primary_key\":[]}";
        String json = "{\"spec_version\":\"1.0\",\"note\":\"\\\"schema\\\":{\\\"fingerprint\\\":\\\"x\\\"}\","
                + "\"source\":{\"schema\":\"public\",\"x\":{\"schema\":{\"fingerprint\":\"zz\"}}}, \"schema\" : " + schema + ",\"dml\":{}}";
        SchemaSpans.Span span = SchemaSpans.find(bytes(json));
        assertThat(span).isNotNull();
        assertThat(json.substring(span.start(), span.end())).isEqualTo(schema);
        assertThat(span.fingerprint()).isEqualTo("ab12");
        assertThat(new String(SchemaSpans.without(bytes(json), span), StandardCharsets.UTF_8))
                .isEqualTo(json.replace(schema, "null"));
    }

    @Test
    void noSpanWhenTheTopLevelSchemaIsMissingTwiceNotAnObjectOrWithoutItsFingerprintFirst() {
        assertThat(SchemaSpans.find(bytes("{\"a\":{\"schema\":{\"fingerprint\":\"x\"}}}"))).isNull();
        assertThat(SchemaSpans.find(bytes("{\"schema\":{\"fingerprint\":\"x\"},\"schema\":{\"fingerprint\":\"x\"}}"))).isNull();
        assertThat(SchemaSpans.find(bytes("{\"schema\":null}"))).isNull();
        assertThat(SchemaSpans.find(bytes("{\"schema\":{\"columns\":[],\"fingerprint\":\"x\"}}"))).isNull();
        assertThat(SchemaSpans.find(bytes("{\"schema\":{\"fingerprint\":\"x\"}"))).isNull(); // never closed
        assertThat(SchemaSpans.find(bytes("[1,2]"))).isNull();
    }

    @Test
    void anEventWhoseOtherFieldsAreBrokenIsReportedAsAFreshReadReportsIt() {
        byte[] good = DdmlJson.write(DdmlTestEvents.insert(2));
        DdmlJson.read(good); // its schema is known now
        String text = new String(good, StandardCharsets.UTF_8);
        byte[] badOp = bytes(text.replace("\"op\":\"insert\"", "\"op\":\"upsert\""));
        byte[] notJson = bytes(text.substring(0, text.length() - 1));
        assertThatThrownBy(() -> DdmlJson.read(badOp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(messageOfAFreshRead(badOp));
        assertThatThrownBy(() -> DdmlJson.read(notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON: ");
    }

    private static String messageOfAFreshRead(byte[] json) {
        try {
            DdmlJson.fromTree(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
            throw new AssertionError("expected the event to be refused");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
