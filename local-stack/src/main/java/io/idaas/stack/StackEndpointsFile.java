package io.idaas.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <data-dir>/endpoints.properties}: what a running local stack offers, written when it has started and
 * removed when it stops, so that other commands ({@code idaas topics}, {@code idaas print}) find it without
 * being told. Keys: {@code kafka.bootstrap}, {@code connect.rest}, {@code connect.metrics}, and one per other endpoint label.
 */
public final class StackEndpointsFile {

    public static final String FILE_NAME = "endpoints.properties";
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    public static final String SCHEMA_REGISTRY = "schema.registry";
    public static final String CONNECT_REST = "connect.rest";
    /** The Connect worker JVM's Prometheus endpoint, {@code http://127.0.0.1:<port>/metrics}. */
    public static final String CONNECT_METRICS = "connect.metrics";

    private StackEndpointsFile() {
    }

    static void write(Path dataDir, List<Endpoint> endpoints) {
        Properties p = new Properties();
        for (Endpoint e : endpoints) {
            p.setProperty(key(e.label()), e.value());
        }
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "endpoints of the running idaas local stack (removed when it stops)");
            }
            Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE_NAME), e);
        }
    }

    static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE_NAME));
        } catch (IOException ignored) {
            // a stale file only misleads until the next start overwrites it
        }
    }

    /** The endpoints of the stack running on {@code dataDir}, if one is running there. */
    public static Optional<Properties> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "Kafka bootstrap" becomes {@code kafka.bootstrap}, "Connect REST" {@code connect.rest}. */
    static String key(String label) {
        return label.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", ".");
    }
}
