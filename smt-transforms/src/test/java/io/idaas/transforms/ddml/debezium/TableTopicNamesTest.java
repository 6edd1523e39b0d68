package io.idaas.transforms.ddml.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.TableRef;
import io.idaas.ddml.TableTopicNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sinks' {@link TableTopicNames} (SPEC.md section 9.2, without Debezium's classes) names every table as ToDdml's
 * {@link DebeziumTableTopics#systemDefaults()} does with Debezium's own strategies, for awkward names of every system
 * with schema-change events, and the SPEC's examples.
 */
class TableTopicNamesTest {

    private static final List<String> NAMES = List.of("orders", "Order Items", "quo\"te", "tätö_表", "dot.ted", "emoji😀",
        "back\\slash", "dash-and_under", "x".repeat(300));

    @Test
    void theDocumentedRuleNamesTopicsAsDebeziumsStrategiesDo() {
        TableTopics debezium = DebeziumTableTopics.systemDefaults();
        for (SourceSystem system : List.of(SourceSystem.MYSQL, SourceSystem.MARIADB, SourceSystem.POSTGRESQL,
                SourceSystem.ORACLE, SourceSystem.SQLSERVER)) {
            for (String name : NAMES) {
                TableRef table = new TableRef("inv entory", "sch\u00e9ma", name);
                assertThat(TableTopicNames.of("shop", system, table)).as(system + " " + name)
                    .isEqualTo(debezium.topic("shop", system, table));
            }
        }
    }

    @Test
    void theSpecsExamples() {
        assertThat(TableTopicNames.of("shop", SourceSystem.MARIADB, new TableRef("inventory", null, "Order Items")))
            .isEqualTo("shop.inventory.Order_Items");
        assertThat(TableTopicNames.of("shop", SourceSystem.MYSQL, new TableRef("inventory", null, "quo\"te")))
            .isEqualTo("shop.inventory.quo_te");
        assertThat(TableTopicNames.of("shop", SourceSystem.MYSQL, new TableRef("inventory", null, "tätö_表")))
            .isEqualTo("shop.inventory.t_t___");
        assertThat(TableTopicNames.of("shop", SourceSystem.POSTGRESQL, new TableRef("db", "public", "dot.ted")))
            .isEqualTo("shop.public.dot.ted");
        assertThat(TableTopicNames.of("shop", SourceSystem.MYSQL, new TableRef("inventory", null, "x".repeat(300))))
            .hasSize(249);
    }
}
