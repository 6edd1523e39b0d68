package io.idaas.e2e.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The compose stack's files (docker-compose/) as the tests read them: the compose file parsed as YAML, a service's
 * command, environment, published ports and mounts, the Connect worker's properties and the README.
 */
final class ComposeFile {

    static final Path DIR = Path.of("..", "docker-compose");
    static final Path FILE = DIR.resolve("docker-compose.yml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile read() {
        try {
            return new ComposeFile(YAML.readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The service's command as a list (the file writes every command in the exec form). */
    List<String> command(String name) {
        JsonNode command = service(name).path("command");
        if (!command.isArray()) {
            throw new AssertionError(name + ".command is not a list: write it in the exec form, [\"prog\", \"arg\"]");
        }
        List<String> out = new ArrayList<>();
        command.forEach(c -> out.add(c.asText()));
        return out;
    }

    /** The service's environment, from its map or its list of NAME=VALUE. */
    Map<String, String> environment(String name) {
        JsonNode env = service(name).path("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env.isArray()) {
            env.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /** A published port: {@code host:container} (short syntax, as the file writes them). */
    record Port(int host, int container) {
        static Port parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                throw new AssertionError("port '" + text + "': write it as HOST:CONTAINER");
            }
            return new Port(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    List<Port> ports(String name) {
        List<Port> out = new ArrayList<>();
        service(name).path("ports").forEach(p -> out.add(Port.parse(p.asText())));
        return out;
    }

    /** A mount in the short syntax, {@code source:target[:mode]}; a source starting with . or / is a bind mount. */
    record Mount(String source, String target) {
        boolean bind() {
            return source.startsWith(".") || source.startsWith("/");
        }

        /** The bind mount's source on this machine (compose resolves it against the compose file's folder). */
        Path hostPath() {
            return DIR.resolve(source).normalize();
        }
    }

    List<Mount> mounts(String name) {
        List<Mount> out = new ArrayList<>();
        service(name).path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            out.add(new Mount(parts[0], parts[1]));
        });
        return out;
    }

    /** The mount of {@code name} whose target is {@code target}. */
    Mount mountAt(String name, String target) {
        return mounts(name).stream().filter(m -> m.target().equals(target)).findFirst()
            .orElseThrow(() -> new AssertionError(name + " mounts nothing at " + target));
    }

    /** docker-compose/connect-distributed.properties, the compose stack's Connect worker. */
    static Map<String, String> workerProperties() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(DIR.resolve("connect-distributed.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    static String readme() {
        try {
            return Files.readString(DIR.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path relative) {
        try {
            return YAML.readTree(Files.readString(DIR.resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
