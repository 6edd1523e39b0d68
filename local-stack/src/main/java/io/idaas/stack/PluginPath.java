package io.idaas.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Connect plugin path of a source checkout: the {@code idaas.plugin.path} system property, the
 * {@code IDAAS_PLUGIN_PATH} environment variable, or {@code connect-plugins/target/plugin-path} in the current
 * folder or one above it (the unpacked component archive that {@code ./mvnw package} builds).
 */
public final class PluginPath {

    static final String RELATIVE = "connect-plugins/target/plugin-path";

    private PluginPath() {
    }

    public static Path locate() {
        String property = System.getProperty("idaas.plugin.path");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("IDAAS_PLUGIN_PATH");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of(RELATIVE).toAbsolutePath();
    }
}
