package io.idaas.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.configs.ConnectConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a {@link Pipeline} into connector configs, from the shipped connect-configs templates (so a pipeline creates
 * what their tests prove): {@code <kind>-ddml-source} for the source, {@code <source>-to-<target system>} for each
 * target (or, where no such file ships, another source's config into that target system: the sink configs differ only
 * in {@code topics.regex}, which is written here anyway). Only what the file says is changed: names, topic prefix,
 * tables, snapshot mode, DDL policy, dead letters, processors, and the file's {@code options}.
 */
public final class ConnectorGenerator {

    private static final List<String> SOURCE_KINDS = List.of("mariadb", "mysql", "postgres", "oracle");

    private ConnectorGenerator() {
    }

    /**
     * The pipeline's connectors, the source first.
     *
     * @param defaultBootstrap the Kafka the CLI talks to, used when the file has no {@code kafka.bootstrap_servers}; may be null
     */
    public static List<ConnectorSpec> generate(Pipeline p, String defaultBootstrap) {
        String bootstrap = p.kafkaBootstrap() != null ? p.kafkaBootstrap() : defaultBootstrap;
        List<ConnectorSpec> out = new ArrayList<>();
        out.add(source(p, bootstrap));
        for (Pipeline.Target t : p.targets()) {
            out.add(sink(p, t, bootstrap));
        }
        return out;
    }

    static ConnectorSpec source(Pipeline p, String bootstrap) {
        Pipeline.Source s = p.source();
        String k = s.kind();
        Map<String, String> values = new HashMap<>();
        values.put("name", p.sourceConnector());
        values.put("topic.prefix", p.topicPrefix());
        values.put(k + ".host", s.host());
        values.put(k + ".port", s.port());
        values.put(k + ".user", s.user());
        values.put(k + ".password", s.password());
        values.put(k + ".database", s.database());
        values.put(k + ".server.id", s.connection().getOrDefault("server_id", String.valueOf(10_000 + Math.floorMod(p.name().hashCode(), 1_000_000))));
        values.put(k + ".pdb", s.connection().getOrDefault("pdb", ""));
        values.put("slot.name", p.slot());
        Map<String, String> config = render(k + "-ddml-source", values, bootstrap);

        String schema = s.schemaOrDatabase();
        if (!s.include().isEmpty()) {
            config.put("table.include.list", qualified(schema, s.include()));
        } else if (!s.exclude().isEmpty()) {
            config.put("table.exclude.list", qualified(schema, s.exclude()));
        }
        if (k.equals("postgres") && (!s.include().isEmpty() || !s.exclude().isEmpty())) {
            config.put("publication.autocreate.mode", "filtered"); // a publication of the captured tables only
        }
        if ((k.equals("postgres") || k.equals("oracle")) && s.connection().containsKey("schema")) {
            config.put("schema.include.list", schema);
        }
        config.put("snapshot.mode", s.snapshot());
        config.putAll(s.options());
        return new ConnectorSpec(p.sourceConnector(), true, null, config);
    }

    static ConnectorSpec sink(Pipeline p, Pipeline.Target t, String bootstrap) {
        String template = sinkTemplate(p.source().kind(), t.system());
        Map<String, String> values = new HashMap<>();
        values.put("name", p.sinkConnector(t));
        values.put("topic.prefix", p.topicPrefix());
        String schema = p.source().schemaOrDatabase();
        for (String db : List.of("mariadb", "mysql", "postgres")) {
            values.put(db + ".database", schema);
        }
        values.put("oracle.schema", schema);
        if (t.kind().equals("jdbc")) {
            for (String prefix : List.of("postgres", "mariadb", "mysql", "target")) {
                values.put(prefix + ".jdbc.url", t.endpoint().get("url"));
                values.put(prefix + ".user", t.endpoint().get("user"));
                values.put(prefix + ".password", t.endpoint().get("password"));
            }
        } else if (t.kind().equals("redis")) {
            values.put("redis.uri", t.endpoint().get("uri"));
            values.put("redis.prefix", t.endpoint().getOrDefault("prefix", p.name()));
        } else {
            values.put("mongodb.uri", t.endpoint().get("uri"));
            values.put("mongodb.database", t.endpoint().get("database"));
        }
        Map<String, String> config = render(template, values, bootstrap);

        boolean withTransactions = config.getOrDefault("topics.regex", "").endsWith("|transaction)");
        config.put("topics.regex", topicsRegex(p, t, withTransactions));
        if (t.kind().equals("redis") && t.endpoint().containsKey("password")) {
            config.put("redis.password", t.endpoint().get("password"));
        }
        List<String> problems = new ArrayList<>();
        applyDdl(config, p.ddl(), false, t, problems);
        applyDdl(config, t.ddl(), true, t, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        config.put("errors.tolerance", p.deadLetter().tolerance());
        if (p.deadLetter().tolerance().equals("all")) {
            config.put("errors.deadletterqueue.topic.name", p.deadLetter().topic());
        } else {
            config.keySet().removeIf(key -> key.startsWith("errors.deadletterqueue."));
        }
        List<Pipeline.Processor> processors = new ArrayList<>(p.processors());
        processors.addAll(t.processors());
        if (!processors.isEmpty()) {
            List<String> aliases = new ArrayList<>();
            for (Pipeline.Processor pr : processors) {
                aliases.add(pr.name());
                config.put("transforms." + pr.name() + ".type", pr.className());
                pr.config().forEach((key, value) -> config.put("transforms." + pr.name() + "." + key, value));
            }
            config.put("transforms", String.join(",", aliases));
        }
        config.putAll(t.options());
        return new ConnectorSpec(p.sinkConnector(t), false, t.name(), config);
    }

    /** The shipped sink config for a source kind and a target system. */
    static String sinkTemplate(String sourceKind, String targetSystem) {
        List<String> tried = new ArrayList<>(List.of(sourceKind));
        SOURCE_KINDS.stream().filter(k -> !k.equals(sourceKind)).forEach(tried::add);
        for (String k : tried) {
            String name = k + "-to-" + targetSystem;
            if (ConnectConfig.class.getClassLoader().getResource("connect-configs/" + name + ".json") != null) {
                return name;
            }
        }
        throw new IllegalArgumentException("no shipped sink config writes to " + targetSystem);
    }

    /**
     * The sink's {@code topics.regex}: the source's table topics ({@code <prefix>.<schema>.<table>}) of the target's
     * tables, else of the captured tables, and the transaction topic where the shipped sink reads it.
     */
    static String topicsRegex(Pipeline p, Pipeline.Target t, boolean withTransactions) {
        Pipeline.Source s = p.source();
        String tables;
        if (!t.tables().isEmpty()) {
            tables = "(?:" + String.join("|", t.tables()) + ")";
        } else if (!s.include().isEmpty()) {
            tables = "(?:" + String.join("|", s.include()) + ")";
        } else if (!s.exclude().isEmpty()) {
            tables = "(?!(?:" + String.join("|", s.exclude()) + ")$).*";
        } else {
            tables = ".*";
        }
        return quote(p.topicPrefix()) + "\\.(" + quote(s.schemaOrDatabase()) + "\\." + tables + (withTransactions ? "|transaction)" : ")");
    }

    private static void applyDdl(Map<String, String> config, Map<String, String> ddl, boolean strict, Pipeline.Target t, List<String> problems) {
        ddl.forEach((key, policy) -> {
            String k = "ddl." + key;
            if (config.containsKey(k)) {
                config.put(k, policy);
            } else if (strict) {
                TreeSet<String> known = new TreeSet<>();
                config.keySet().stream().filter(c -> c.startsWith("ddl.")).map(c -> c.substring(4)).forEach(known::add);
                problems.add("targets[" + t.name() + "].ddl." + key + ": the " + t.kind() + " sink has no " + k + "; its DDL keys are " + known);
            }
        });
    }

    private static Map<String, String> render(String template, Map<String, String> values, String bootstrap) {
        ConnectConfig config = ConnectConfig.named(template);
        Map<String, String> all = new HashMap<>(values);
        if (config.placeholders().contains("kafka.bootstrap")) {
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException("kafka.bootstrap_servers: the " + template + " config needs the Kafka the Connect workers use; "
                        + "write kafka: {bootstrap_servers: HOST:PORT} in the file, or pass --bootstrap-server");
            }
            all.put("kafka.bootstrap", bootstrap);
        }
        JsonNode body = config.render(all);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", body.path("name").asText());
        body.path("config").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String qualified(String schema, List<String> tables) {
        return String.join(",", tables.stream().map(t -> quote(schema) + "\\." + t).toList());
    }

    /** Escapes the regular-expression characters of a name. */
    static String quote(String name) {
        if (PipelineReader.isReference(name)) {
            return name; // resolved by the worker; a reference to a name with regex characters is the user's to escape
        }
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
