package io.idaas.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code <data-dir>/ports.properties}: the ports the stack on a data folder listens on, written once it has started and
 * kept when it stops. Connector configs stored in Kafka name these ports (a source's database port, its schema-history
 * bootstrap servers, a sink's JDBC URL), so a later start on the same folder listens on them again unless told
 * otherwise; a port chosen afresh would leave every stored connector pointing at nothing. Keys: each part's
 * {@link Component#id()}, and {@value #KAFKA_CONTROLLER} for the KRaft controller's listener.
 */
public final class KeptPorts {

    public static final String FILE_NAME = "ports.properties";
    public static final String KAFKA_CONTROLLER = "kafka.controller";

    private final Map<String, Integer> ports;

    private KeptPorts(Map<String, Integer> ports) {
        this.ports = ports;
    }

    /** The ports kept in {@code dataDir}; none when the folder is new. */
    public static KeptPorts read(Path dataDir) {
        Map<String, Integer> ports = new TreeMap<>();
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties p = new Properties();
                p.load(r);
                for (String key : p.stringPropertyNames()) {
                    try {
                        int port = Integer.parseInt(p.getProperty(key).trim());
                        if (port > 0 && port < 65536) {
                            ports.put(key, port);
                        }
                    } catch (NumberFormatException ignored) {
                        // a hand-edited line that is not a port: chosen afresh
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new KeptPorts(ports);
    }

    /** The port kept under {@code key}. */
    public Optional<Integer> get(String key) {
        return Optional.ofNullable(ports.get(key));
    }

    /** Writes {@code ports} (key to port) to {@code dataDir}, atomically, keeping kept ports of parts not given. */
    static void write(Path dataDir, Map<String, Integer> current) {
        Map<String, Integer> all = new TreeMap<>(read(dataDir).ports);
        all.putAll(current);
        Properties p = new Properties();
        all.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "ports of the idaas local stack on this data folder: later starts listen on them again, since the "
                        + "connectors stored in Kafka name them (idaas up --port PART=N, or --clean, to change them)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
