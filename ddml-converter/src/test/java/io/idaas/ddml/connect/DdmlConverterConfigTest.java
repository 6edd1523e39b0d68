package io.idaas.ddml.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.registry.RecordNameStrategy;
import io.idaas.registry.TopicNameStrategy;
import io.idaas.registry.TopicRecordNameStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;

class DdmlConverterConfigTest {

    private static DdmlConverterConfig config(String type, String... keysAndValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("converter.type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new DdmlConverterConfig(props);
    }

    @Test
    void defaults() {
        DdmlConverterConfig c = config("value");
        assertThat(c.format()).isEqualTo(DdmlFormat.JSON);
        assertThat(c.registryUrls()).isEmpty();
        assertThat(c.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
        assertThat(c.subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
        assertThat(c.autoRegisterSchemas()).isTrue();
        assertThat(c.useLatestVersion()).isFalse();
        assertThat(c.schemasCacheSize()).isEqualTo(1000);
    }

    @Test
    void everyKeyIsDocumentedWithADisplayName() {
        for (ConfigDef.ConfigKey key : DdmlConverterConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        }
        assertThat(DdmlConverterConfig.CONFIG_DEF.names()).contains("ddml.format", "schema.registry.url",
                "key.subject.name.strategy", "value.subject.name.strategy", "auto.register.schemas",
                "use.latest.version", "schemas.cache.size", "converter.type");
        assertThat(new DdmlConverter().config()).isSameAs(DdmlConverterConfig.CONFIG_DEF);
    }

    @Test
    void strategiesByShortOrConfluentNames() {
        DdmlConverterConfig c = config("value", "ddml.format", "AVRO", "schema.registry.url", "http://a:8081,https://b",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        assertThat(c.format()).isEqualTo(DdmlFormat.AVRO);
        assertThat(c.registryUrls()).containsExactly("http://a:8081", "https://b");
        assertThat(c.subjectNameStrategy(false)).isInstanceOf(TopicRecordNameStrategy.class);
        assertThat(config("value", "value.subject.name.strategy", "record").subjectNameStrategy(false))
                .isInstanceOf(RecordNameStrategy.class);
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> config("value", "ddml.format", "protobuf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ddml.format").hasMessageContaining("choose json or avro");
        assertThatThrownBy(() -> config("value", "ddml.format", "avro"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> config("value", "schema.registry.url", "localhost:8081"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> config("value", "schema.registry.url", "ftp://x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> config("value", "value.subject.name.strategy", "bogus"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown subject name strategy 'bogus'");
        assertThatThrownBy(() -> config("value", "schemas.cache.size", "0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schemas.cache.size");
        assertThatThrownBy(() -> config("value", "use.latest.version", "true"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas=false");
        assertThatThrownBy(() -> config("key", "ddml.format", "avro", "schema.registry.url", "http://r:8081",
                "key.subject.name.strategy", "record"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key.converter.key.subject.name.strategy=topic");
    }

    /**
     * Connect's validate endpoint (Kafka 4.1's AbstractHerder) checks a connector's converter settings by calling
     * {@code converter.config().validate(...)} on its {@code value.converter.*} keys plus {@code converter.type}: the
     * settings that do not fit together are reported there, on the key to change, naming it as the connector spells it.
     */
    @Test
    void theConfigDefsValidateReportsSettingsThatDoNotFitTogether() {
        Map<String, ConfigValue> avroWithoutRegistry = validate("converter.type", "value", "ddml.format", "avro");
        assertThat(avroWithoutRegistry.get("schema.registry.url").errorMessages()).singleElement().asString()
                .contains("value.converter.schema.registry.url").contains("ddml.format=avro needs a schema registry");
        assertThat(avroWithoutRegistry.get("ddml.format").errorMessages()).isEmpty();

        assertThat(validate("converter.type", "key", "ddml.format", "avro").get("schema.registry.url").errorMessages())
                .singleElement().asString().contains("key.converter.schema.registry.url");
        assertThat(validate("converter.type", "value", "use.latest.version", "true").get("use.latest.version").errorMessages())
                .singleElement().asString().contains("value.converter.auto.register.schemas=false");
        assertThat(validate("converter.type", "key", "ddml.format", "avro", "schema.registry.url", "http://r:8081",
                "key.subject.name.strategy", "record").get("key.subject.name.strategy").errorMessages()).hasSize(1);

        assertThat(validate("converter.type", "value", "ddml.format", "avro", "schema.registry.url", "http://r:8081").values())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        assertThat(validate("converter.type", "header", "ddml.format", "avro").values())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        assertThat(validate("converter.type", "value", "ddml.format", "protobuf").get("ddml.format").errorMessages()).hasSize(1);
    }

    private static Map<String, ConfigValue> validate(String... keyValues) {
        Map<String, String> props = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        Map<String, ConfigValue> byName = new java.util.HashMap<>();
        DdmlConverterConfig.CONFIG_DEF.validate(props).forEach(v -> byName.put(v.name(), v));
        return byName;
    }

    @Test
    void aHeaderConverterNeedsNoRegistry() {
        assertThat(config("header", "ddml.format", "avro").format()).isEqualTo(DdmlFormat.AVRO);
    }

    @Test
    void connectFindsItThroughServiceLoader() {
        List<String> converters = ServiceLoader.load(Converter.class).stream().map(p -> p.type().getName()).toList();
        List<String> headerConverters = ServiceLoader.load(HeaderConverter.class).stream().map(p -> p.type().getName()).toList();
        assertThat(converters).contains(DdmlConverter.class.getName(), SchemaCachingJsonConverter.class.getName());
        assertThat(headerConverters).contains(DdmlConverter.class.getName(), SchemaCachingJsonConverter.class.getName());
    }
}
