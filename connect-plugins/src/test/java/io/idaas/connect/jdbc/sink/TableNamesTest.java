package io.idaas.connect.jdbc.sink;

import io.idaas.ddml.TableRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableNamesTest {

    @Test
    void replacesEveryPlaceholder() {
        TableRef ref = new TableRef("shop", null, "order");
        assertThat(new TableNames("${table}").target(ref, "t1")).isEqualTo("order");
        assertThat(new TableNames("${database}_${table}_${schema}_${topic}").target(ref, "t1")).isEqualTo("shop_order__t1");
    }
}
