package io.idaas.cli.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idaas.configs.ConnectConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-made pipeline files in, connector configs out: the shipped templates' keys, and only what the file says changed. */
class ConnectorGeneratorTest {

    static final String FILE = """
            name: shop
            source:
              kind: mariadb
              connection: {host: db, port: 3306, user: cdc, password: '${env:DB_PASSWORD}', database: shop, server_id: 4242}
              tables: {include: [customers, orders]}
              snapshot: no_data
            processors:
              - {name: mask, type: DdmlMask, config: {columns: 'email:hash', hash.key: '${file:/s.properties:k}'}}
            targets:
              - name: pg
                kind: jdbc
                url: jdbc:postgresql://pg:5432/copy
                user: w
                password: '${env:PG_PASSWORD}'
                ddl: {drop: apply}
                options: {batch.size: 50}
              - {name: cache, kind: redis, uri: 'redis://r:6379'}
            ddl: {alter: ignore, drop.table: apply}
            dead_letter: {topic: shop-bad, tolerance: all}
            """;

    static List<ConnectorSpec> generate(String yaml) {
        return ConnectorGenerator.generate(PipelineReader.parse("t", yaml, Map.of()).pipeline(), "kafka:9092");
    }

    /** A shipped template rendered with dummy values, as a flat map. */
    static Map<String, String> template(String name) {
        ConnectConfig c = ConnectConfig.named(name);
        Map<String, String> values = new HashMap<>();
        c.placeholders().forEach(p -> values.put(p, "x"));
        Map<String, String> out = new LinkedHashMap<>();
        c.render(values).path("config").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Test
    void theSourceIsTheShippedDdmlSourceWithTheFilesNamesTablesAndSnapshot() {
        ConnectorSpec source = generate(FILE).get(0);
        assertThat(source.name()).isEqualTo("shop-source");
        assertThat(source.source()).isTrue();
        Map<String, String> expected = new LinkedHashMap<>(template("mariadb-ddml-source"));
        expected.putAll(Map.of("database.hostname", "db", "database.port", "3306", "database.user", "cdc",
                "database.password", "${env:DB_PASSWORD}", "database.server.id", "4242", "database.include.list", "shop",
                "topic.prefix", "shop", "schema.history.internal.kafka.bootstrap.servers", "kafka:9092",
                "schema.history.internal.kafka.topic", "shop.schema-history", "snapshot.mode", "no_data"));
        expected.put("table.include.list", "shop\\.customers,shop\\.orders");
        expected.put("name", "shop-source");
        assertThat(source.config()).isEqualTo(expected);
    }

    @Test
    void aJdbcTargetIsTheShippedSinkWithTheFilesTopicsDdlDeadLettersProcessorsAndOptions() {
        ConnectorSpec sink = generate(FILE).get(1);
        assertThat(sink.name()).isEqualTo("shop-to-pg");
        Map<String, String> expected = new LinkedHashMap<>(template("mariadb-to-postgres"));
        expected.put("name", "shop-to-pg");
        expected.putAll(Map.of("connection.url", "jdbc:postgresql://pg:5432/copy", "connection.user", "w",
                "connection.password", "${env:PG_PASSWORD}", "topics.regex", "shop\\.(shop\\.(?:customers|orders)|transaction)",
                "ddl.alter", "ignore", "ddl.drop", "apply", "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "shop-bad",
                "batch.size", "50"));
        expected.put("applied.kafka.bootstrap.servers", "kafka:9092");
        expected.putAll(Map.of("transforms", "mask", "transforms.mask.type", "io.idaas.transforms.ddml.process.mask.DdmlMask",
                "transforms.mask.columns", "email:hash", "transforms.mask.hash.key", "${file:/s.properties:k}"));
        assertThat(sink.config()).isEqualTo(expected);
        assertThat(java.util.regex.Pattern.compile(sink.config().get("topics.regex")).matcher("shop.shop.orders").matches()).isTrue();
        assertThat(java.util.regex.Pattern.compile(sink.config().get("topics.regex")).matcher("shop.shop.ordersx").matches()).isFalse();
    }

    @Test
    void aRedisTargetTakesOnlyTheDdlKeysItsSinkHas() {
        ConnectorSpec sink = generate(FILE).get(2);
        assertThat(sink.name()).isEqualTo("shop-to-cache");
        Map<String, String> expected = new LinkedHashMap<>(template("mariadb-to-redis"));
        expected.put("name", "shop-to-cache");
        expected.putAll(Map.of("redis.uri", "redis://r:6379", "redis.prefix", "shop", "applied.kafka.bootstrap.servers", "kafka:9092",
                "topics.regex", "shop\\.(shop\\.(?:customers|orders))", "ddl.alter", "ignore",
                "errors.deadletterqueue.topic.name", "shop-bad"));
        expected.putAll(Map.of("transforms", "mask", "transforms.mask.type", "io.idaas.transforms.ddml.process.mask.DdmlMask",
                "transforms.mask.columns", "email:hash", "transforms.mask.hash.key", "${file:/s.properties:k}"));
        assertThat(sink.config()).isEqualTo(expected);
    }

    @Test
    void aTargetsDdlKeyItsSinkLacksIsRefusedWithTheKeysItHas() {
        String yaml = FILE.replace("ddl: {drop: apply}", "ddl: {truncate: apply}");
        assertThatThrownBy(() -> generate(yaml)).hasMessage(
                "targets[pg].ddl.truncate: the jdbc sink has no ddl.truncate; its DDL keys are [alter, create, drop]");
    }

    @Test
    void aPostgresSourceGetsItsSlotAFilteredPublicationAndASinkIntoMongoDb() {
        String yaml = """
                name: pg-shop
                source:
                  kind: postgres
                  connection: {host: pg, port: 5432, user: u, password: '${env:P}', database: app, schema: sales}
                  tables: {exclude: [audit]}
                targets:
                  - {name: docs, kind: mongodb, uri: 'mongodb://m:27017', database: shop}
                dead_letter: {tolerance: none}
                """;
        List<ConnectorSpec> specs = generate(yaml);
        Map<String, String> source = specs.get(0).config();
        assertThat(source).containsEntry("slot.name", "idaas_pg_shop").containsEntry("publication.name", "idaas_pg_shop")
                .containsEntry("publication.autocreate.mode", "filtered").containsEntry("table.exclude.list", "sales\\.audit")
                .containsEntry("schema.include.list", "sales").containsEntry("database.dbname", "app")
                .containsEntry("connector.class", "io.idaas.transforms.ddml.source.DdmlSourceConnector");
        Map<String, String> sink = specs.get(1).config();
        assertThat(sink).containsEntry("connector.class", "io.idaas.connect.mongodb.MongoSinkConnector")
                .containsEntry("mongodb.database", "shop").containsEntry("errors.tolerance", "none")
                .containsEntry("topics.regex", "pg-shop\\.(sales\\.(?!(?:audit)$).*)")
                .doesNotContainKeys("errors.deadletterqueue.topic.name", "errors.deadletterqueue.context.headers.enable");
        assertThat(sink.keySet()).isEqualTo(withoutDeadLetterKeys(template("postgres-to-mongodb").keySet()));
    }

    private static java.util.Set<String> withoutDeadLetterKeys(java.util.Set<String> keys) {
        java.util.Set<String> out = new java.util.TreeSet<>(keys);
        out.removeIf(k -> k.startsWith("errors.deadletterqueue."));
        out.add("name");
        return out;
    }

    @Test
    void aTargetReadsOnlyItsOwnTablesWhenItNamesThem() {
        String yaml = FILE.replace("{name: cache, kind: redis, uri: 'redis://r:6379'}", "{name: cache, kind: redis, uri: 'redis://r:6379', tables: [customers]}");
        List<ConnectorSpec> specs = generate(yaml);
        assertThat(specs.get(1).config()).containsEntry("topics.regex", "shop\\.(shop\\.(?:customers|orders)|transaction)");
        assertThat(specs.get(2).config()).containsEntry("topics.regex", "shop\\.(shop\\.(?:customers))");
    }

    @Test
    void theIdaasUpDemoFileMakesTheDemosConnectorNamesAndTables() throws Exception {
        Pipeline p = PipelineReader.readResource("pipelines/idaas-up-demo.yaml", Map.of()).pipeline();
        List<ConnectorSpec> specs = ConnectorGenerator.generate(p, "k:9092");
        assertThat(specs).extracting(ConnectorSpec::name).containsExactly("demo-mariadb-source", "demo-mariadb-to-postgres", "demo-mariadb-to-redis");
        assertThat(specs.get(0).config()).containsEntry("table.include.list", "idaas\\.demo_customers,idaas\\.demo_orders,idaas\\.idaas_heartbeat")
                .containsEntry("topic.prefix", "demo");
        assertThat(specs.get(1).config()).containsEntry("topics.regex", "demo\\.(idaas\\.(?:demo_customers|demo_orders)|transaction)")
                .containsEntry("errors.deadletterqueue.topic.name", "demo.dlq");
        assertThat(specs.get(2).config()).containsEntry("topics.regex", "demo\\.(idaas\\.(?:demo_customers|idaas_heartbeat))")
                .containsEntry("redis.prefix", "idaas");
        assertThat(ConnectorGenerator.generate(p.withTargets(t -> !t.kind().equals("redis")), "k:9092")).hasSize(2);
    }

    @Test
    void aDirectionWithoutItsOwnFileTakesAnotherSourcesSinkIntoTheSameSystem() {
        assertThat(ConnectorGenerator.sinkTemplate("mysql", "postgres")).isEqualTo("mariadb-to-postgres");
        assertThat(ConnectorGenerator.sinkTemplate("mysql", "mysql")).isEqualTo("mysql-to-mysql");
        assertThat(ConnectorGenerator.sinkTemplate("oracle", "mongodb")).isEqualTo("mariadb-to-mongodb");
    }

    @Test
    void everyReadyPipelineFileIsValidAndMakesItsConnectors() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "pipelines"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml") && !f.toString().endsWith(".views.yaml")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("idaas-up-demo.yaml", "mariadb-to-postgres-with-views.yaml",
                "mysql-to-mysql.yaml", "mysql-to-redis.yaml", "oracle-to-mysql.yaml", "postgres-to-mongodb.yaml");
        for (Path f : files) {
            Pipeline p = PipelineReader.read(f, Map.of()).pipeline();
            List<ConnectorSpec> specs = ConnectorGenerator.generate(p, "localhost:9092");
            assertThat(specs).as(f.toString()).hasSize(1 + p.targets().size());
            assertThat(new ObjectMapper().valueToTree(specs).toString()).as(f + ": every variable filled").doesNotContainPattern("\\$\\{[A-Za-z_]+}");
        }
    }
}
