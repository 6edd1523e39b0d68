package io.idaas.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NativeFieldsTest {

    @Test
    void builderKeepsKeyOrderAsATreeMapWould() {
        Random random = new Random(7);
        List<String> names = List.of("file", "pos", "row", "gtid", "server_id", "snapshot", "lsn", "lsn_commit",
            "txId", "xmin", "scn", "commit_scn", "a", "A", "pos2", "");
        for (int round = 0; round < 2_000; round++) {
            NativeFields.Builder builder = NativeFields.builder();
            Map<String, String> expected = new TreeMap<>();
            int puts = random.nextInt(24);
            for (int i = 0; i < puts; i++) {
                String name = names.get(random.nextInt(names.size()));
                String value = random.nextInt(5) == 0 ? null : Integer.toString(random.nextInt(1000));
                builder.put(name, value);
                expected.put(name, value); // a name put again replaces its value
            }
            NativeFields built = builder.build();
            assertThat(new ArrayList<>(built.entrySet())).containsExactlyElementsOf(expected.entrySet());
            assertThat(keys(built)).containsExactlyElementsOf(expected.keySet());
            assertThat(built).isEqualTo(NativeFields.of(new LinkedHashMap<>(expected)));
        }
    }

    @Test
    void builderRefusesANamelessField() {
        assertThatThrownBy(() -> NativeFields.builder().put(null, "1")).isInstanceOf(NullPointerException.class)
            .hasMessageContaining("without a name");
    }

    @Test
    void emptyBuilderGivesNoFields() {
        assertThat(NativeFields.builder().build()).isEmpty();
    }

    private static List<String> keys(NativeFields fields) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            keys.add(fields.keyAt(i));
        }
        return keys;
    }
}
