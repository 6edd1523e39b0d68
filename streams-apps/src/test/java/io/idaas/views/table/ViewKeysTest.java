package io.idaas.views.table;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ViewKeysTest {

    @Test
    void aQueryMeansTheKeyJsonWithNumbersFirstThenStrings() {
        assertThat(ViewKeys.candidates(Map.of("id", "7"), List.of())).containsExactly("{\"id\":7}", "{\"id\":\"7\"}");
        assertThat(ViewKeys.candidates(Map.of("code", "007"), List.of())).containsExactly("{\"code\":\"007\"}");
        assertThat(ViewKeys.candidates(Map.of("amount", "7.50"), List.of())).containsExactly("{\"amount\":7.50}", "{\"amount\":\"7.50\"}");
        assertThat(ViewKeys.candidates(Map.of("name", "Ada"), List.of())).containsExactly("{\"name\":\"Ada\"}");
    }

    @Test
    void aCompositeKeyFollowsTheDeclaredOrder() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("line", "2");
        query.put("order_id", "x");
        assertThat(ViewKeys.candidates(query, List.of("order_id", "line")))
                .containsExactly("{\"order_id\":\"x\",\"line\":2}", "{\"order_id\":\"x\",\"line\":\"2\"}");
        assertThat(ViewKeys.columns("{\"order_id\":\"x\",\"line\":2}")).containsExactly(Map.entry("order_id", "x"), Map.entry("line", "2"));
    }

    @Test
    void candidateTextsAreTheKeyJsonJacksonWrites() {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String value : List.of("a \"quoted\" \\ name", "tab\there", "line\nbreak", "\u0001\u001f", "é ü 日本 😀", "0.0000001",
                "-0", "12345678901234567890123", "1.", "", " 7")) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("k\"ey", value);
            query.put("line", "2");
            java.util.List<String> expected = new java.util.ArrayList<>();
            for (boolean keyAsNumber : value.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?") ? List.of(true, false) : List.of(false)) {
                for (boolean lineAsNumber : List.of(true, false)) {
                    com.fasterxml.jackson.databind.node.ObjectNode key = json.createObjectNode();
                    if (keyAsNumber) {
                        key.put("k\"ey", new java.math.BigDecimal(value));
                    } else {
                        key.put("k\"ey", value);
                    }
                    if (lineAsNumber) {
                        key.put("line", new java.math.BigDecimal("2"));
                    } else {
                        key.put("line", "2");
                    }
                    expected.add(key.toString());
                }
            }
            assertThat(ViewKeys.candidates(query, List.of())).as(value).containsExactlyElementsOf(expected);
        }
    }
}
