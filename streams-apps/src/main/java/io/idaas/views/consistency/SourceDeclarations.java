package io.idaas.views.consistency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.idaas.ddml.consistency.SourceLog;
import io.idaas.views.declaration.ViewDeclarationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the optional {@code sources} list of a view declaration file: the source databases that consistency tokens
 * are given for. A file with problems is refused whole, naming each source, field and fix.
 *
 * <pre>
 * sources:
 *   - name: shop                          # tokens read shop@...
 *     system: mariadb                     # mariadb, mysql or postgresql
 *     jdbc_url: jdbc:mariadb://db:3306/inventory
 *     user: idaas
 *     password_env: SHOP_PASSWORD         # or password: ...
 *     heartbeat_topic: shop.inventory.idaas_heartbeat
 *     heartbeat_table: idaas_heartbeat    # optional (default); created when missing
 *     heartbeat_interval_ms: 1000         # optional (default)
 * </pre>
 */
public final class SourceDeclarations {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final Set<String> KEYS = Set.of("name", "system", "jdbc_url", "user", "password", "password_env",
            "heartbeat_topic", "heartbeat_table", "heartbeat_interval_ms");

    private SourceDeclarations() {
    }

    public static List<SourceDeclaration> read(Path path) {
        try {
            return parse(Files.readString(path), path.toString(), System::getenv);
        } catch (IOException e) {
            throw new ViewDeclarationException(path.toString(), List.of("the file cannot be read (" + e.getMessage() + ")"));
        }
    }

    /** The sources declared in {@code text} (none when it has no {@code sources}); {@code env} resolves password_env. */
    public static List<SourceDeclaration> parse(String text, String origin, Function<String, String> env) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ViewDeclarationException(origin, List.of("it is neither JSON nor YAML: " + e.getOriginalMessage()));
        }
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || list.isNull()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!list.isArray()) {
            throw new ViewDeclarationException(origin, List.of("'sources' is not a list; write sources: [{name: ..., system: ..., "
                    + "jdbc_url: ..., heartbeat_topic: ...}]"));
        }
        List<SourceDeclaration> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String label = "sources[" + i + "]";
            if (!s.isObject()) {
                problems.add(label + " is not an object; give it name, system, jdbc_url and heartbeat_topic");
                continue;
            }
            String name = text(s, "name");
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(label + ": field 'name' " + (name == null ? "is missing" : "'" + name + "' is not allowed")
                        + "; use 1 to 100 letters, digits, '_', '.' or '-'");
            } else {
                label = "source '" + name + "'";
                if (!names.add(name)) {
                    problems.add(label + ": the name is used twice; give each source its own name");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                String key = it.next().getKey();
                if (!KEYS.contains(key)) {
                    problems.add(label + ": unknown field '" + key + "'; the fields are " + new java.util.TreeSet<>(KEYS));
                }
            }
            SourceLog system = null;
            try {
                system = SourceLog.of(text(s, "system"));
            } catch (IllegalArgumentException e) {
                problems.add(label + ": field 'system': " + e.getMessage());
            }
            String url = text(s, "jdbc_url");
            if (url == null || !url.startsWith("jdbc:")) {
                problems.add(label + ": field 'jdbc_url' " + (url == null ? "is missing" : "'" + url + "' is not a JDBC URL")
                        + "; give the source database's URL, e.g. jdbc:mariadb://host:3306/db or jdbc:postgresql://host:5432/db");
            }
            String password = text(s, "password");
            String passwordEnv = text(s, "password_env");
            if (passwordEnv != null) {
                password = env.apply(passwordEnv);
                if (password == null) {
                    problems.add(label + ": field 'password_env' names " + passwordEnv + ", which is not set; export it");
                }
            }
            String topic = text(s, "heartbeat_topic");
            if (topic == null || topic.isBlank()) {
                problems.add(label + ": field 'heartbeat_topic' is missing; name the DDML topic the source connector writes "
                        + "the heartbeat table's changes to, e.g. <topic.prefix>.<database>." + SourceDeclaration.DEFAULT_HEARTBEAT_TABLE);
            }
            String table = s.has("heartbeat_table") ? text(s, "heartbeat_table") : SourceDeclaration.DEFAULT_HEARTBEAT_TABLE;
            if (table == null || !TABLE.matcher(table).matches()) {
                problems.add(label + ": field 'heartbeat_table' '" + table + "' is not a plain table name; use letters, digits "
                        + "and '_', optionally schema.table");
            }
            Duration interval = SourceDeclaration.DEFAULT_HEARTBEAT_INTERVAL;
            JsonNode ms = s.get("heartbeat_interval_ms");
            if (ms != null) {
                if (!ms.canConvertToLong() || ms.asLong() < 10 || ms.asLong() > 3_600_000) {
                    problems.add(label + ": field 'heartbeat_interval_ms' is " + ms + "; give milliseconds from 10 to 3600000");
                } else {
                    interval = Duration.ofMillis(ms.asLong());
                }
            }
            if (problems.isEmpty()) {
                sources.add(new SourceDeclaration(name, system, url, text(s, "user"), password, table, topic, interval));
            }
        }
        if (!problems.isEmpty()) {
            throw new ViewDeclarationException(origin, problems);
        }
        return sources;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
