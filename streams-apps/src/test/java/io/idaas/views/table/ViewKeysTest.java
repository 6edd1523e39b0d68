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
}
