package io.idaas.cli.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline file: YAML, variables, the JSON Schema's errors in words, and the warnings. */
class PipelineReaderTest {

    static final String MINIMAL = """
            name: shop
            source:
              kind: mariadb
              connection: {host: db, port: 3306, user: cdc, password: '${env:DB_PASSWORD}', database: shop}
            targets:
              - {name: pg, kind: jdbc, url: 'jdbc:postgresql://pg:5432/copy', user: w, password: '${file:/s.properties:pg}'}
            """;

    static PipelineReader.Read parse(String yaml) {
        return PipelineReader.parse("test.yaml", yaml, Map.of());
    }

    @Test
    void aMinimalFileIsReadWithItsDefaultsAndNoWarning() {
        PipelineReader.Read read = parse(MINIMAL);
        Pipeline p = read.pipeline();
        assertThat(p.name()).isEqualTo("shop");
        assertThat(p.topicPrefix()).isEqualTo("shop");
        assertThat(p.source().snapshot()).isEqualTo("initial");
        assertThat(p.source().port()).isEqualTo("3306");
        assertThat(p.source().password()).isEqualTo("${env:DB_PASSWORD}");
        assertThat(p.deadLetter()).isEqualTo(new Pipeline.DeadLetter("shop.dlq", "all"));
        assertThat(p.targets()).singleElement().satisfies(t -> {
            assertThat(t.system()).isEqualTo("postgres");
            assertThat(t.endpoint()).containsEntry("password", "${file:/s.properties:pg}");
        });
        assertThat(read.warnings()).isEmpty();
        assertThat(p.owns("shop-source")).isTrue();
        assertThat(p.owns("shop-to-pg")).isTrue();
        assertThat(p.owns("shop-eu-source")).isFalse();
    }

    @Test
    void aSchemaErrorNamesTheFieldAndWhatToWrite() {
        String yaml = MINIMAL.replace("kind: mariadb", "kind: sqlite").replace("port: 3306, ", "");
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "source.connection.port: missing; write port: the source's port, e.g. 3306 or 5432 (a number, or a ${env:...} reference)",
                        "source.kind: does not have a value in the enumeration [\"mariadb\", \"mysql\", \"postgres\", \"oracle\"]; "
                                + "write the source database system: mariadb, mysql, postgres or oracle"));
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThatBelongThere() {
        String yaml = MINIMAL.replace("name: shop", "name: shop\nsorce: {}");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.problems())
                .singleElement().asString().startsWith("sorce: not a field here; remove it (the fields here are name, variables, topic_prefix"));
    }

    @Test
    void aTargetOfAKindTakesOnlyItsKindsFields() {
        String yaml = MINIMAL.replace("{name: pg, kind: jdbc,", "{name: pg, kind: redis,");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("targets[0].uri: missing; write uri: redis://HOST:PORT[/DB]"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[0].url: not a field here")));
    }

    @Test
    void includeAndExcludeTogetherAreRefused() {
        String yaml = MINIMAL.replace("database: shop}", "database: shop}\n  tables: {include: [a], exclude: [b]}");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.problems())
                .containsExactly("source.tables: both include and exclude; keep one of them"));
    }

    @Test
    void variablesAreFilledFromTheFileAndFromOverridesAndConnectReferencesAreLeftAlone() {
        String yaml = """
                name: shop
                variables: {db_host: localhost, db_port: 3306}
                source:
                  kind: mysql
                  connection: {host: '${db_host}', port: '${db_port}', user: cdc, password: '${env:DB_PASSWORD}', database: shop}
                targets:
                  - {name: cache, kind: redis, uri: 'redis://${db_host}:6379'}
                """;
        Pipeline p = PipelineReader.parse("t", yaml, Map.of("db_port", "3307")).pipeline();
        assertThat(p.source().host()).isEqualTo("localhost");
        assertThat(p.source().port()).isEqualTo("3307");
        assertThat(p.source().password()).isEqualTo("${env:DB_PASSWORD}");
        assertThat(p.targets().get(0).endpoint()).containsEntry("uri", "redis://localhost:6379");

        assertThatThrownBy(() -> PipelineReader.parse("t", yaml.replace("'${db_host}'", "'${dbhost}'"), Map.of()))
                .isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.problems()).containsExactly(
                        "source.connection.host: ${dbhost} is not a variable of the file; declare it under variables: (with a default) "
                                + "or write ${env:dbhost} for Connect to read the worker's environment"));
        assertThatThrownBy(() -> PipelineReader.parse("t", yaml, Map.of("nope", "1")))
                .isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.problems()).containsExactly(
                        "--var nope: the file declares no variable nope (it declares db_host, db_port)"));
    }

    @Test
    void aPasswordInClearIsAcceptedWithAWarningThatNamesTheFix() {
        PipelineReader.Read read = parse(MINIMAL.replace("'${env:DB_PASSWORD}'", "s3cret"));
        assertThat(read.pipeline().source().password()).isEqualTo("s3cret");
        assertThat(read.warnings()).singleElement().asString()
                .startsWith("source.connection.password: a password in clear")
                .contains("write ${env:VAR}", "${file:/path/secrets.properties:key}");
    }

    @Test
    void notYamlSaysWhere() {
        assertThatThrownBy(() -> parse("name: [shop\n")).isInstanceOfSatisfying(PipelineFileException.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("not YAML: ").contains("line"));
    }

    @Test
    void theSchemaShippedInPipelinesIsTheOneTheCliUses() throws Exception {
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(Path.of("..", "pipelines", "pipeline.schema.json"))))
                .isEqualTo(PipelineSchema.json());
        assertThat(PipelineSchema.json().path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
}
