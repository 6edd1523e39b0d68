package io.idaas.stack.connect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local stack's Connect worker properties ({@link ConnectWorker#workerProperties}, package-private there), for the
 * tests that hold other copies of them (the compose stack's connect-distributed.properties) to the same settings.
 */
public final class LocalWorkerSettings {

    private LocalWorkerSettings() {
    }

    /** The properties a local-stack worker on {@code bootstrapServers}, {@code pluginPath} and REST {@code port} starts with. */
    public static Map<String, String> properties(String bootstrapServers, Path pluginPath, int port) {
        return ConnectWorker.workerProperties(bootstrapServers, pluginPath, List.of(), port, Map.of());
    }
}
