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

    @Test
    void keysSortInTheirNaturalOrder() {
        List<String> keys = new java.util.ArrayList<>(List.of("{\"id\":10}", "{\"id\":\"b\"}", "{\"id\":2}", "{\"id\":-3.5}",
                "{\"id\":null}", "{\"id\":100}", "{\"id\":\"a\"}", "{\"id\":2.0}"));
        keys.sort(ViewKeys::compareKeys);
        // 2 and 2.0 are the same number: their texts decide, so the order stays total.
        assertThat(keys).containsExactly("{\"id\":null}", "{\"id\":-3.5}", "{\"id\":2.0}", "{\"id\":2}", "{\"id\":10}",
                "{\"id\":100}", "{\"id\":\"a\"}", "{\"id\":\"b\"}");

        List<String> composite = new java.util.ArrayList<>(List.of("{\"order_id\":10,\"line\":1}", "{\"order_id\":9,\"line\":12}",
                "{\"order_id\":9,\"line\":3}"));
        composite.sort(ViewKeys::compareKeys);
        assertThat(composite).containsExactly("{\"order_id\":9,\"line\":3}", "{\"order_id\":9,\"line\":12}", "{\"order_id\":10,\"line\":1}");
    }

    @Test
    void anExactKeyIsCheckedAndWrittenAsTheKeyRowIs() {
        assertThat(ViewKeys.exact("{ \"line\": 2, \"order_id\": 7.50 }", List.of("order_id", "line"))).isEqualTo("{\"order_id\":7.50,\"line\":2}");
        assertThat(ViewKeys.exact("{\"code\":\"007\"}", List.of())).isEqualTo("{\"code\":\"007\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViewKeys.exact("{id:7}", List.of("id")))
                .hasMessageStartingWith("the key {id:7} is not JSON (");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViewKeys.exact("[7]", List.of("id")))
                .hasMessage("the key [7] is a JSON array, not an object of key columns");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViewKeys.exact("{\"id\":{\"a\":1}}", List.of("id")))
                .hasMessage("key column 'id' is a JSON object; a key column's value is a number, a string, true, false or null");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViewKeys.exact("{\"ID\":7}", List.of("id")))
                .hasMessage("the key {\"ID\":7} names [ID], not key columns, and lacks [id]; the view's key columns are [id]");
        assertThat(ViewKeys.example(List.of("order_id", "line"))).isEqualTo("{\"order_id\":7,\"line\":7}");
    }
}
