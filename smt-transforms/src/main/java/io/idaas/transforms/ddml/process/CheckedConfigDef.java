package io.idaas.transforms.ddml.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A {@link ConfigDef} with checks across keys (two keys that contradict each other), run by {@link #validateAll}
 * after the per-key validators pass, each error added to the key it names, and by the config classes' constructors
 * ({@link #check}), which throw a {@link ConfigException} with it. Connect's validate endpoint embeds a transform's
 * keys one by one, so it runs the per-key validators only: the cross-key checks then refuse the config when the task
 * starts, with the same message.
 */
public final class CheckedConfigDef extends ConfigDef {

    /** A check over the parsed values; reports each error with the key it belongs to. */
    @FunctionalInterface
    public interface CrossCheck {
        void check(Map<String, Object> parsed, BiConsumer<String, String> error);
    }

    private final List<CrossCheck> checks = new ArrayList<>();

    /** Adds a cross-key check. */
    public CheckedConfigDef crossCheck(CrossCheck check) {
        checks.add(check);
        return this;
    }

    @Override
    public Map<String, ConfigValue> validateAll(Map<String, String> props) {
        Map<String, ConfigValue> values = super.validateAll(props);
        if (values.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            Map<String, Object> parsed = parse(props);
            for (CrossCheck c : checks) {
                c.check(parsed, (key, message) -> values.get(key).addErrorMessage(message));
            }
        }
        return values;
    }

    /**
     * Runs the cross-key checks over parsed values.
     *
     * @throws ConfigException with the first error, naming its key
     */
    public void check(Map<String, ?> values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) values;
        for (CrossCheck c : checks) {
            c.check(parsed, (key, message) -> {
                throw new ConfigException(key, parsed.get(key), message);
            });
        }
    }
}
