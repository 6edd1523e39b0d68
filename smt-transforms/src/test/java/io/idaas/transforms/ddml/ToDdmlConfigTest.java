package io.idaas.transforms.ddml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.transforms.ddml.source.DdmlSourceConfig;
import java.io.InputStream;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/** The configuration: documented keys, validation, typed getters, version and service registration. */
class ToDdmlConfigTest {

    @Test
    void everyKeyHasDocumentationADisplayNameAndAGroup() {
        for (ConfigDef def : new ConfigDef[] {ToDdmlConfig.CONFIG_DEF, DdmlSourceConfig.CONFIG_DEF}) {
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                if (key.internalConfig) {
                    continue;
                }
                assertThat(key.documentation).as(key.name).isNotBlank();
                assertThat(key.displayName).as(key.name).isNotBlank();
                assertThat(key.group).as(key.name).isNotBlank();
            }
        }
        assertThat(ToDdmlConfig.CONFIG_DEF.toHtml()).contains("tombstones");
    }

    @Test
    void defaultsAndTypedGetters() {
        ToDdmlConfig c = new ToDdmlConfig(Map.of());
        assertThat(c.tombstones()).isEqualTo(ToDdmlConfig.TombstoneHandling.KEEP);
        assertThat(c.unavailableValuePlaceholder()).isEqualTo("__debezium_unavailable_value");
        assertThat(c.tableCacheSize()).isEqualTo(10_000);
        assertThat(c.headersEnabled()).isTrue();
        assertThat(new ToDdmlConfig(Map.of("tombstones", "DROP")).tombstones()).isEqualTo(ToDdmlConfig.TombstoneHandling.DROP);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new ToDdmlConfig(Map.of("tombstones", "rekey"))).isInstanceOf(ConfigException.class).hasMessageContaining("tombstones");
        assertThatThrownBy(() -> new ToDdmlConfig(Map.of("table.cache.size", "0"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new DdmlSourceConfig(Map.of("ddml.delegate.connector.class", "X", "ddml.derived.ddl.systems", "postgres")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'postgres' is not a source system");
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        try (InputStream in = ToDdml.class.getResourceAsStream("/io/idaas/transforms/ddml/version.properties")) {
            assertThat(new String(in.readAllBytes())).doesNotContain("${");
        }
        assertThat(new ToDdml<>().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void pluginsAreRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(Transformation.class).stream().map(p -> p.type().getName())).contains(ToDdml.class.getName());
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(p -> p.type().getName()))
            .contains("io.idaas.transforms.ddml.source.DdmlSourceConnector");
    }
}
