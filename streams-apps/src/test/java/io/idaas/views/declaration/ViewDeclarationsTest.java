package io.idaas.views.declaration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.idaas.views.consistency.SourceDeclarations;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewDeclarationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsYamlAndJsonAlike() {
        String yaml = """
                views:
                  - name: paid_orders
                    kind: table
                    topic: shop.shop.orders
                    fields: {order: id, total: amount}
                    where:
                      - {field: status, op: eq, value: paid}
                  - name: customers
                    kind: table
                    topic: shop.shop.customers
                    fields: [id, name]
                """;
        String json = """
                {"views": [
                  {"name": "paid_orders", "kind": "table", "topic": "shop.shop.orders",
                   "fields": {"order": "id", "total": "amount"}, "where": [{"field": "status", "op": "eq", "value": "paid"}]},
                  {"name": "customers", "kind": "table", "topic": "shop.shop.customers", "fields": ["id", "name"]}]}
                """;
        List<ViewDeclaration> fromYaml = ViewDeclarations.parse(yaml, "views.yaml");
        assertThat(ViewDeclarations.parse(json, "views.json")).isEqualTo(fromYaml);
        ViewDeclaration paid = fromYaml.get(0);
        assertThat(paid.name()).isEqualTo("paid_orders");
        assertThat(paid.kind()).isEqualTo(ViewKind.TABLE);
        assertThat(paid.fields()).containsExactly(Map.entry("order", "id"), Map.entry("total", "amount"));
        assertThat(paid.where()).singleElement().extracting(Condition::op).isEqualTo(Condition.Op.EQ);
        assertThat(fromYaml.get(1).fields()).containsExactly(Map.entry("id", "id"), Map.entry("name", "name"));
    }

    @Test
    void everyProblemIsListedWithTheViewTheFieldAndTheFix() {
        String yaml = """
                views:
                  - name: orders
                    kind: table
                  - name: orders
                    kind: tabel
                    topic: t
                    colour: red
                  - name: "bad name!"
                    kind: sum
                    topic: t
                    where:
                      - {field: status, op: like, value: p%}
                      - {field: status, op: in, value: paid}
                      - {field: note, op: is_null, value: x}
                      - {op: eq, value: 1}
                """;
        assertThatThrownBy(() -> ViewDeclarations.parse(yaml, "views.yaml"))
                .isInstanceOf(ViewDeclarationException.class)
                .satisfies(e -> assertThat(((ViewDeclarationException) e).problems()).containsExactly(
                        "view 'orders': field 'topic' is missing; name the DDML topic the view reads",
                        "view 'orders': the name is used twice; give each view its own name",
                        "view 'orders': field 'colour' is not known; the fields are [aggregates, changelog_topic, children, fields, group_by, join, key, kind, name, topic, where]",
                        "view 'orders': field 'kind' is 'tabel'; use one of table, join, merge, aggregate",
                        "views[2]: field 'name' 'bad name!' is not allowed; use 1 to 100 letters, digits, '_' or '-'",
                        "views[2]: field 'kind' is 'sum'; use one of table, join, merge, aggregate",
                        "views[2]: field 'where[0].op' is 'like'; use one of eq, ne, lt, le, gt, ge, in, is_null, not_null",
                        "views[2]: field 'where[1].value' must be a list for op 'in', e.g. [paid, shipped]",
                        "views[2]: field 'where[2].value' is given but op 'is_null' takes none; remove it",
                        "views[2]: field 'where[3].field' is missing; name the row field to test"))
                .hasMessageStartingWith("10 problems in the view declarations of views.yaml:\n  - view 'orders'");
    }

    @Test
    void aChangelogTopicIsOptionalAndMustBeATopicName() {
        List<ViewDeclaration> views = ViewDeclarations.parse("""
                views:
                  - {name: a, kind: table, topic: t}
                  - {name: b, kind: table, topic: t, changelog_topic: shop.views.b}
                """, "views.yaml");
        assertThat(views).extracting(ViewDeclaration::changelogTopic).containsExactly(null, "shop.views.b");
        assertThatThrownBy(() -> ViewDeclarations.parse("views: [{name: c, kind: table, topic: t, changelog_topic: 'no spaces'}]", "bad.yaml"))
                .isInstanceOfSatisfying(ViewDeclarationException.class, e -> assertThat(e.problems()).containsExactly(
                        "view 'c': field 'changelog_topic' is \"no spaces\"; name a Kafka topic (letters, digits, '.', '_', '-') "
                                + "or leave it out for <application id>.view.<name>"));
    }

    @Test
    void aFileWithoutViewsOrNotJsonOrYamlIsRefused() {
        assertThatThrownBy(() -> ViewDeclarations.parse("{}", "empty.json"))
                .hasMessageContaining("there is no 'views' list");
        assertThatThrownBy(() -> ViewDeclarations.parse("views: [unclosed", "broken.yaml"))
                .hasMessageContaining("it is neither JSON nor YAML");
    }

    /**
     * The shipped example {@code pipelines/mariadb-to-postgres-with-views.views.yaml} reads as {@code idaas views --file}
     * reads it, declares what its comments promise, and names the topics its pipeline file writes with that file's
     * defaults ({@code <name>.<mariadb_database>.<table>}). {@code e2e-tests} {@code PipelineViewFileTest} runs it.
     */
    @Test
    void theShippedViewFileOfTheShopPipelineReadsAndNamesThePipelinesTopics() throws Exception {
        Path pipelines = Path.of("..", "pipelines");
        Path file = pipelines.resolve("mariadb-to-postgres-with-views.views.yaml");
        JsonNode pipeline = new ObjectMapper(new YAMLFactory()).readTree(pipelines.resolve("mariadb-to-postgres-with-views.yaml").toFile());
        String topicPrefix = pipeline.get("name").asText() + "." + pipeline.at("/variables/mariadb_database").asText() + ".";
        List<String> captured = new ArrayList<>();
        pipeline.at("/source/tables/include").forEach(t -> captured.add(topicPrefix + t.asText()));

        List<ViewDeclaration> views = ViewDeclarations.read(file);

        assertThat(SourceDeclarations.read(file)).as("no consistency sources declared").isEmpty();
        assertThat(views).extracting(ViewDeclaration::name).containsExactly("orders", "customer_360");
        ViewDeclaration orders = views.get(0);
        assertThat(orders.kind()).isEqualTo(ViewKind.TABLE);
        assertThat(orders.topic()).isEqualTo(topicPrefix + "orders");
        assertThat(orders.fields()).as("every column").isEmpty();
        ViewDeclaration customer360 = views.get(1);
        assertThat(customer360.kind()).isEqualTo(ViewKind.MERGE);
        assertThat(customer360.topic()).isEqualTo(topicPrefix + "customers");
        assertThat(customer360.fields()).containsOnlyKeys("id", "name", "city");
        assertThat(customer360.children()).singleElement().satisfies(child -> {
            assertThat(child.topic()).isEqualTo(topicPrefix + "orders");
            assertThat(child.on()).containsExactly(Map.entry("customer_id", "id"));
            assertThat(child.as()).isEqualTo("orders");
            assertThat(child.fields()).containsOnlyKeys("id", "status", "amount");
        });
        assertThat(captured).as("the pipeline captures every table the views read")
                .containsAll(views.stream().flatMap(v -> v.topics().stream()).toList());
    }

    @Test
    void conditionsCompareNumbersByValueAndTextByText() throws Exception {
        Condition atLeastTen = new Condition("amount", Condition.Op.GE, JSON.readTree("10"));
        assertThat(atLeastTen.test(JSON.readTree("{\"amount\": \"10.00\"}"))).isTrue(); // a DDML decimal is a string
        assertThat(atLeastTen.test(JSON.readTree("{\"amount\": \"9.99\"}"))).isFalse();
        assertThat(atLeastTen.test(JSON.readTree("{\"amount\": null}"))).isFalse();
        assertThat(atLeastTen.test(JSON.readTree("{}"))).isFalse();
        Condition isNull = new Condition("note", Condition.Op.IS_NULL, null);
        assertThat(isNull.test(JSON.readTree("{\"note\": null}"))).isTrue();
        assertThat(isNull.test(JSON.readTree("{\"note\": \"\"}"))).isFalse();
        Condition paid = new Condition("status", Condition.Op.NE, JSON.readTree("\"paid\""));
        assertThat(paid.test(JSON.readTree("{\"status\": \"new\"}"))).isTrue();
    }
}
