package io.idaas.transforms.ddml.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/** Every DDML processor is found by ServiceLoader, as Connect finds plugins, and documents every key it has. */
class ProcessorsRegisteredTest {

    @Test
    void everyProcessorIsRegisteredVersionedAndDocumented() throws Exception {
        List<String> found = new ArrayList<>();
        for (ServiceLoader.Provider<Transformation> p : ServiceLoader.load(Transformation.class).stream().toList()) {
            Class<?> type = p.type();
            if (!DdmlTransformation.class.isAssignableFrom(type)) {
                continue;
            }
            found.add(type.getSimpleName());
            Transformation<?> t = p.get();
            assertThat(((Versioned) t).version()).as(type.getName()).isNotBlank();
            assertThat((String) type.getField("OVERVIEW_DOC").get(null)).as(type.getName()).isNotBlank();
            assertThat(type.getField("CONFIG_DEF").get(null)).isSameAs(t.config());
            for (ConfigDef.ConfigKey k : t.config().configKeys().values()) {
                assertThat(k.documentation).as(type.getSimpleName() + " " + k.name).isNotBlank();
                assertThat(k.displayName).as(type.getSimpleName() + " " + k.name).isNotBlank();
                assertThat(k.group).as(type.getSimpleName() + " " + k.name).isNotBlank();
                // Connect passes transforms.<name>.type (the class) to the transform with its own keys
                assertThat(k.name).as(type.getSimpleName()).isNotEqualTo("type");
            }
        }
        assertThat(found).containsExactlyInAnyOrder("DdmlFilter", "DdmlColumns", "DdmlMask", "DdmlRoute", "DdmlComputedColumn");
    }
}
