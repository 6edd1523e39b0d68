package io.idaas.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ready Connect REST config from {@code connect-configs/} (the classpath folder, also shipped in the plugin
 * archive's {@code etc/}): a JSON body for {@code POST /connectors}, with {@code ${placeholders}} for the endpoints
 * of the user's databases and Kafka. {@link #render} fills them in and refuses to leave any unfilled.
 */
public final class ConnectConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9_.-]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String template;

    private ConnectConfig(String name, String template) {
        this.name = name;
        this.template = template;
    }

    /** Loads {@code connect-configs/<name>.json} from the classpath. */
    public static ConnectConfig named(String name) {
        String resource = "connect-configs/" + name + ".json";
        try (InputStream in = ConnectConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no Connect config named '" + name + "': expected the resource " + resource);
            }
            return new ConnectConfig(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Loads {@code <folder>/<name>.json}: a config as another version of idaas shipped it (for instance to measure
     * it next to this version's, as the benchmarks do). {@link #named} is the shipped one.
     */
    public static ConnectConfig inFolder(java.nio.file.Path folder, String name) {
        java.nio.file.Path file = folder.resolve(name + ".json");
        try {
            return new ConnectConfig(name, java.nio.file.Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no Connect config named '" + name + "' in " + folder.toAbsolutePath()
                    + ": expected the file " + file.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public String name() {
        return name;
    }

    /** The placeholders the template uses, sorted. */
    public TreeSet<String> placeholders() {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The request body for {@code POST /connectors}: {@code {"name": ..., "config": {...}}}.
     *
     * @throws IllegalArgumentException naming every placeholder that {@code values} lacks
     */
    public ObjectNode render(Map<String, String> values) {
        TreeSet<String> missing = placeholders();
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Connect config '" + name + "' needs values for " + missing);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // Values are inserted as JSON string content, so quotes or backslashes in a password stay valid JSON.
            String escaped = JSON.getNodeFactory().textNode(values.get(m.group(1))).toString();
            m.appendReplacement(out, Matcher.quoteReplacement(escaped.substring(1, escaped.length() - 1)));
        }
        m.appendTail(out);
        try {
            JsonNode node = JSON.readTree(out.toString());
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalStateException("Connect config '" + name + "' is not valid JSON once filled in: " + e.getMessage(), e);
        }
    }
}
