package io.idaas.connect.sink;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import java.util.Optional;

/** The result of Connect's validation of a connector config, read and added to by key name. */
public final class ValidatedKeys {

    private final Config config;

    ValidatedKeys(Config config) {
        this.config = config;
    }

    /** Whether the key is present, has a value, and passed its own checks. */
    public boolean passed(String name) {
        Optional<ConfigValue> v = value(name);
        return v.isPresent() && v.get().errorMessages().isEmpty() && v.get().value() != null;
    }

    /** The key's value as text, or null. */
    public String string(String name) {
        return value(name).map(ConfigValue::value).map(String::valueOf).orElse(null);
    }

    /** A PASSWORD key's value in clear, or null. */
    public String password(String name) {
        return value(name).map(ConfigValue::value).map(p -> p instanceof Password pw ? pw.value() : String.valueOf(p))
            .orElse(null);
    }

    /** Adds an error message to the keys named (each that is present). */
    public void addError(String message, String... names) {
        for (String name : names) {
            value(name).ifPresent(v -> v.addErrorMessage(message));
        }
    }

    private Optional<ConfigValue> value(String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
