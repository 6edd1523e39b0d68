package io.idaas.stack.kafka;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The properties the local stack's broker starts with ({@code KafkaBroker.brokerProperties}, private there: read by
 * reflection, so a renamed method fails here loudly rather than letting the compose file drift), for the tests that
 * hold the compose stack's broker to the same settings.
 */
public final class LocalBrokerSettings {

    private LocalBrokerSettings() {
    }

    /** The broker properties of a local-stack broker (placeholder log folder, controller port 9093). */
    public static Map<String, String> properties() throws ReflectiveOperationException {
        KafkaBroker broker = new KafkaBroker(Path.of("/data"), 9092, 9093);
        Method method = KafkaBroker.class.getDeclaredMethod("brokerProperties", Path.class, int.class);
        method.setAccessible(true);
        Properties p = (Properties) method.invoke(broker, Path.of("/data/kafka"), 9093);
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
