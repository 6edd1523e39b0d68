package io.idaas.transforms.ddml.source;

import org.apache.kafka.common.config.ConfigException;

/** Instantiates delegate connectors and tasks by class name, from the plugin class loader. */
final class Delegates {

    private Delegates() {
    }

    static <T> T instantiate(String className, Class<T> type, String configKey) {
        try {
            Class<?> c = Class.forName(className, true, Delegates.class.getClassLoader());
            if (!type.isAssignableFrom(c)) {
                throw new ConfigException(configKey, className, "is not a " + type.getSimpleName());
            }
            return type.cast(c.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(configKey, className, "no such class in the plugin (is the connector in the same "
                + "plugin folder as idaas's smt-transforms jar?)");
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(configKey, className, "cannot be instantiated: " + e);
        }
    }
}
