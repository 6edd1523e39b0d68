package io.idaas.connect.redis;

import io.idaas.connect.sink.AppliedKafka;
import io.idaas.connect.sink.DdlPolicy;
import io.idaas.connect.sink.TopicRecreated;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The Redis sink's settings: one documented {@link ConfigDef}, with typed getters. */
public final class RedisSinkConfig extends AbstractConfig {

    public static final String REDIS_URI = "redis.uri";
    public static final String REDIS_USERNAME = "redis.username";
    public static final String REDIS_PASSWORD = "redis.password";
    public static final String REDIS_TIMEOUT_MS = "redis.timeout.ms";
    public static final String REDIS_PREFIX = "redis.prefix";
    public static final String REDIS_TYPE = "redis.type";
    public static final String REDIS_TYPE_TABLES = "redis.type.tables";
    public static final String REDIS_KEY_TEMPLATE = "redis.key.template";
    public static final String REDIS_FIELD_INCLUDE = "redis.field.include";
    public static final String REDIS_FIELD_EXCLUDE = "redis.field.exclude";
    public static final String REDIS_FIELD_RENAME = "redis.field.rename";
    public static final String REDIS_TTL_SECONDS = "redis.ttl.seconds";
    public static final String REDIS_TTL_COLUMN = "redis.ttl.column";
    public static final String REDIS_INDEX_COLUMNS = "redis.index.columns";
    public static final String REDIS_INDEX_NAME_TEMPLATE = "redis.index.name.template";
    public static final String REDIS_TOMBSTONE_TTL_SECONDS = "redis.tombstone.ttl.seconds";
    public static final String BATCH_SIZE = "batch.size";
    public static final String DDL_ALTER = "ddl.alter";
    public static final String DDL_DROP = "ddl.drop";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    /** Settings of the Kafka admin client that reads the end offsets behind {@code <prefix>:applied:<source>}. */
    public static final String APPLIED_KAFKA_PREFIX = AppliedKafka.PREFIX;
    public static final String APPLIED_KAFKA_BOOTSTRAP = AppliedKafka.BOOTSTRAP;

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_LAYOUT = "Layout";
    private static final String GROUP_WRITES = "Writes";
    private static final String GROUP_DDL = "DDL";
    private static final String GROUP_RETRIES = "Retries";
    private static final String GROUP_TOKENS = "Consistency tokens";

    private static final String[] POLICIES = Arrays.stream(DdlPolicy.values()).map(DdlPolicy::configValue).toArray(String[]::new);
    private static final String[] SHAPES = {"hash", "json"};

    /** What {@value #APPLIED_KAFKA_BOOTSTRAP} is for, in this sink. */
    private static final String APPLIED_KAFKA_DOC =
        "The Kafka cluster the sink reads (the worker's bootstrap.servers), for <prefix>:applied:<source>, "
        + "the position a consistency token is checked against: a position is written there only once every "
        + "partition of the sink's topics (topics or topics.regex) is applied, in Redis's offsets hash, up to "
        + "its end offset read after the position was applied, so the copy holds every change before it, "
        + "whichever task or partition carried it. Other admin client settings (security.protocol, sasl.*, "
        + "ssl.*) take the same applied.kafka. prefix. The sink also reads its topics' ids there, to tell its "
        + "stored offsets from those of a deleted topic of the same name (topic.recreated). Empty: "
        + "<prefix>:applied:<source> is not written, tokens cannot be checked against this copy, and stored "
        + "offsets are resumed unchecked.";

    /** Every key the sink reads. */
    public static final ConfigDef CONFIG_DEF = TopicRecreated.define(AppliedKafka.define(new ConfigDef()
        .define(REDIS_URI, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new UriValidator(), Importance.HIGH,
            "The Redis server: redis://host:port[/db], or rediss://host:port[/db] for TLS. A user and password may be "
                + "written in it (redis://user:secret@host:6379), but then Connect shows the password with the config: "
                + "set redis.username and redis.password instead. A standalone Redis (or the primary of a replicated "
                + "one); Redis Cluster is not supported.",
            GROUP_CONNECTION, 1, Width.LONG, "Redis URI")
        .define(REDIS_USERNAME, Type.STRING, null, Importance.MEDIUM,
            "The Redis 6 ACL user to log in as (AUTH user password); overrides a user in redis.uri.",
            GROUP_CONNECTION, 2, Width.MEDIUM, "User")
        .define(REDIS_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
            "The password (AUTH); overrides a password in redis.uri.", GROUP_CONNECTION, 3, Width.MEDIUM, "Password")
        .define(REDIS_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(100), Importance.LOW,
            "How long connecting to Redis and each command may take, in milliseconds; a batch's script call that takes "
                + "longer is retried (the script is atomic: it ran whole or not at all).",
            GROUP_CONNECTION, 4, Width.SHORT, "Timeout (ms)")
        .define(REDIS_PREFIX, Type.STRING, "idaas", new PrefixValidator(), Importance.HIGH,
            "The first part of every Redis key the sink writes: rows <prefix>:<table>:<key>, the key sets "
                + "<prefix>:keys:<table>, indexes, <prefix>:applied:<source>, <prefix>:offsets:<connector>.",
            GROUP_LAYOUT, 1, Width.SHORT, "Key prefix")
        .define(REDIS_TYPE, Type.STRING, "hash", ConfigDef.CaseInsensitiveValidString.in(SHAPES), Importance.MEDIUM,
            "How a row is stored (the name Redis's own Kafka sink gives this setting): hash (a field per column, values as ddml-converter SPEC.md section 11.1 encodes "
                + "them) or json (a string holding a JSON object of the columns' DDML JSON encodings).",
            GROUP_LAYOUT, 2, Width.SHORT, "Row type")
        .define(REDIS_TYPE_TABLES, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseShapes), Importance.MEDIUM,
            "The type of some tables' rows, overriding redis.type: comma-separated <table>:<hash|json> entries, the table as "
                + "table, database.table, database.schema.table (or a view's name), the most specific entry winning; "
                + "e.g. inventory.orders:json,customer_360:json.",
            GROUP_LAYOUT, 3, Width.LONG, "Row type per table")
        .define(REDIS_KEY_TEMPLATE, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseTemplates), Importance.MEDIUM,
            "The Redis key of a table's rows instead of <prefix>:<table>:<key>: comma-separated <table>:<template> "
                + "entries (or *:<template> for every table), where {column} is replaced by the key column's canonical "
                + "text and {table} by <database>[.<schema>].<table>; the template must name every primary-key column "
                + "and only those. E.g. inventory.orders:shop:orders:{id}.",
            GROUP_LAYOUT, 4, Width.LONG, "Key template")
        .define(REDIS_FIELD_INCLUDE, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseColumns), Importance.MEDIUM,
            "Columns to store, comma-separated <table>.<column> entries: a table named here stores only these columns "
                + "(its key columns included only when listed). E.g. orders.id,orders.status.",
            GROUP_LAYOUT, 5, Width.LONG, "Fields included")
        .define(REDIS_FIELD_EXCLUDE, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseColumns), Importance.MEDIUM,
            "Columns not to store, comma-separated <table>.<column> entries. E.g. customers.password_hash.",
            GROUP_LAYOUT, 6, Width.LONG, "Fields excluded")
        .define(REDIS_FIELD_RENAME, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseRenames), Importance.MEDIUM,
            "Columns stored under another field name, comma-separated <table>.<column>:<field> entries (as the JDBC "
                + "sink's column.rename). E.g. orders.note:remark. Other settings name the source column.",
            GROUP_LAYOUT, 7, Width.LONG, "Fields renamed")
        .define(REDIS_TTL_SECONDS, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseTtls), Importance.MEDIUM,
            "A fixed time to live for a table's rows, set again at every write: comma-separated <table>:<seconds> "
                + "entries (or *:<seconds>). E.g. sessions:3600. An expired row leaves its entries in the key set and "
                + "index sets until it is next deleted, truncated or written.",
            GROUP_LAYOUT, 8, Width.LONG, "Time to live (s)")
        .define(REDIS_TTL_COLUMN, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseTtlColumns), Importance.MEDIUM,
            "A column that gives a row's expiry, overriding redis.ttl.seconds for its table: comma-separated "
                + "<table>.<column> entries. An integer column holds seconds from the write; a timestamptz, timestamp "
                + "(read as UTC) or date column the instant the row expires; NULL keeps the row without expiry.",
            GROUP_LAYOUT, 9, Width.LONG, "Time-to-live column")
        .define(REDIS_INDEX_COLUMNS, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseColumns), Importance.MEDIUM,
            "Secondary indexes: comma-separated <table>.<column> entries; each value v of the column gets a set "
                + "<prefix>:index:<table>:<column>:<v> of the Redis keys of the rows holding it (NULL: no entry), kept "
                + "right on insert, update, key change, delete, truncate and drop. E.g. orders.customer_id.",
            GROUP_LAYOUT, 10, Width.LONG, "Indexed columns")
        .define(REDIS_INDEX_NAME_TEMPLATE, Type.STRING, "", new EntriesValidator(RedisSinkConfig::parseIndexNames),
            Importance.LOW, "Other names for index sets: comma-separated <table>.<column>:<name> entries, the name "
                + "ending with {<column>} (or {value}), which the value's text replaces; the column must be in "
                + REDIS_INDEX_COLUMNS + ". E.g. orders.customer_id:shop:orders:by_customer:{customer_id}. Two "
                + "indexes given the same name share their sets.",
            GROUP_LAYOUT, 11, Width.LONG, "Index set names")
        .define(REDIS_TOMBSTONE_TTL_SECONDS, Type.LONG, 604_800L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "How long a deleted row's position is kept (<prefix>:tomb:<table>:<key>), so that an older event of that "
                + "key replayed later (after the offsets were reset) does not bring the row back; 0 keeps it forever.",
            GROUP_LAYOUT, 12, Width.SHORT, "Tombstone time to live (s)")
        .define(BATCH_SIZE, Type.INT, 500, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
            "The most records applied by one call of the sink's Lua script (one atomic step in Redis); fewer when their "
                + "values pass 8 MiB.",
            GROUP_WRITES, 1, Width.SHORT, "Batch size")
        .define(DDL_ALTER, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES), Importance.MEDIUM,
            "alter_table events that drop or rename columns: apply (the field is deleted or renamed in every row of "
                + "the table written before the change), ignore (the rows keep the old field until written again) or "
                + "fail (the task stops). Added and retyped columns need nothing: each row gets them at its next write.",
            GROUP_DDL, 1, Width.SHORT, "Alter tables")
        .define(DDL_DROP, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES), Importance.MEDIUM,
            "drop_table events: apply (delete the table's rows written before the drop, with their index entries), "
                + "ignore (keep them) or fail. A truncate is always applied.",
            GROUP_DDL, 2, Width.SHORT, "Drop tables")
        .define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
            "How many times in a row a batch that failed for a passing reason (Redis unreachable or restarting, "
                + "maxmemory reached, a timeout) is retried before the task fails. Nothing is skipped.",
            GROUP_RETRIES, 1, Width.SHORT, "Max retries")
        .define(RETRY_BACKOFF_MS, Type.LONG, 3000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "How long Connect waits before handing a failed batch back to the task.",
            GROUP_RETRIES, 2, Width.SHORT, "Retry backoff (ms)"),
        APPLIED_KAFKA_DOC, GROUP_TOKENS, 1, "Kafka for applied positions"), GROUP_WRITES, 2);

    private final TableSettings<String> shapes;
    private final TableSettings<KeyTemplate> templates;
    private final TableSettings<Set<String>> includes;
    private final TableSettings<Set<String>> excludes;
    private final TableSettings<Map<String, String>> renames;
    private final TableSettings<Long> ttls;
    private final TableSettings<String> ttlColumns;
    private final TableSettings<Set<String>> indexes;
    /** Per table, indexed column to the start of its sets' names (the value's text follows). */
    private final TableSettings<Map<String, String>> indexNames;

    /** The admin client's settings for {@link io.idaas.connect.sink.AppliedFrontier}; empty when {@value #APPLIED_KAFKA_BOOTSTRAP} is not set. */
    public Map<String, Object> appliedKafka() {
        return AppliedKafka.adminConfig(this);
    }

    public RedisSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        shapes = parse(REDIS_TYPE_TABLES, RedisSinkConfig::parseShapes);
        templates = parse(REDIS_KEY_TEMPLATE, RedisSinkConfig::parseTemplates);
        includes = parse(REDIS_FIELD_INCLUDE, RedisSinkConfig::parseColumns);
        excludes = parse(REDIS_FIELD_EXCLUDE, RedisSinkConfig::parseColumns);
        renames = parse(REDIS_FIELD_RENAME, RedisSinkConfig::parseRenames);
        ttls = parse(REDIS_TTL_SECONDS, RedisSinkConfig::parseTtls);
        ttlColumns = parse(REDIS_TTL_COLUMN, RedisSinkConfig::parseTtlColumns);
        indexes = parse(REDIS_INDEX_COLUMNS, RedisSinkConfig::parseColumns);
        indexNames = parse(REDIS_INDEX_NAME_TEMPLATE, RedisSinkConfig::parseIndexNames);
        for (List<String> table : indexNames.tables()) {
            Set<String> indexed = indexes.entry(table);
            for (String column : indexNames.entry(table).keySet()) {
                if (indexed == null || !indexed.contains(column)) {
                    String name = String.join(".", table) + "." + column;
                    throw new ConfigException(REDIS_INDEX_NAME_TEMPLATE, getString(REDIS_INDEX_NAME_TEMPLATE),
                        name + " has an index set name but is not indexed; add " + name + " to " + REDIS_INDEX_COLUMNS);
                }
            }
        }
        if (password() != null && RedisConnections.uriPassword(uri()) != null) {
            throw new ConfigException(REDIS_PASSWORD, "[hidden]", "redis.uri holds a password too; keep one of them "
                + "(redis.password, which Connect hides)");
        }
    }

    @SuppressWarnings("unchecked")
    private <T> TableSettings<T> parse(String key, Function<String, ?> parser) {
        try {
            return (TableSettings<T>) parser.apply(getString(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, getString(key), e.getMessage());
        }
    }

    static TableSettings<String> parseShapes(String spec) {
        TableSettings<String> s = TableSettings.tableValues(spec, "inventory.orders:json");
        for (String v : s.values()) {
            if (!List.of(SHAPES).contains(v.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("shape '" + v + "' is neither hash nor json");
            }
        }
        return s;
    }

    static TableSettings<KeyTemplate> parseTemplates(String spec) {
        TableSettings<String> s = TableSettings.tableValues(spec, "inventory.orders:shop:orders:{id}");
        for (String v : s.values()) {
            KeyTemplate.parse(v);
        }
        return mapValues(s, KeyTemplate::parse);
    }

    static TableSettings<Set<String>> parseColumns(String spec) {
        return TableSettings.columns(spec, "inventory.orders.customer_id");
    }

    static TableSettings<Map<String, String>> parseRenames(String spec) {
        return TableSettings.columnValues(spec, "orders.note:remark");
    }

    /** Index set name templates, each reduced to the start of its sets' names. */
    static TableSettings<Map<String, String>> parseIndexNames(String spec) {
        String example = "orders.customer_id:shop:orders:by_customer:{customer_id}";
        return TableSettings.columnNames(spec, example).map(byColumn -> {
            Map<String, String> starts = new java.util.LinkedHashMap<>();
            byColumn.forEach((column, template) -> {
                String end = template.endsWith("{" + column + "}") ? "{" + column + "}"
                    : template.endsWith("{value}") ? "{value}" : null;
                String start = end == null ? null : template.substring(0, template.length() - end.length());
                if (start == null || start.isEmpty() || start.indexOf('{') >= 0 || start.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("index set name '" + template + "' of column " + column + " must "
                        + "be some text ending with {" + column + "} (or {value}), with no other {...}; e.g. " + example);
                }
                starts.put(column, start);
            });
            return starts;
        });
    }

    static TableSettings<Long> parseTtls(String spec) {
        TableSettings<String> s = TableSettings.tableValues(spec, "sessions:3600");
        for (String v : s.values()) {
            try {
                if (Long.parseLong(v) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("time to live '" + v + "' is not a whole number of seconds of at least 1");
            }
        }
        return mapValues(s, Long::parseLong);
    }

    static TableSettings<String> parseTtlColumns(String spec) {
        TableSettings<Set<String>> s = TableSettings.columns(spec, "sessions.expires_at");
        for (Set<String> v : s.values()) {
            if (v.size() > 1) {
                throw new IllegalArgumentException("a table has " + v.size() + " time-to-live columns " + v + "; keep one");
            }
        }
        return mapValues(s, v -> v.iterator().next());
    }

    /** The same entries with their values mapped (the values were checked already). */
    private static <A, B> TableSettings<B> mapValues(TableSettings<A> s, Function<A, B> f) {
        return s.map(f);
    }

    public String uri() {
        return getString(REDIS_URI);
    }

    public String username() {
        return getString(REDIS_USERNAME);
    }

    public String password() {
        Password p = getPassword(REDIS_PASSWORD);
        return p == null ? null : p.value();
    }

    public int timeoutMs() {
        return getInt(REDIS_TIMEOUT_MS);
    }

    public String prefix() {
        return getString(REDIS_PREFIX);
    }

    /** Whether rows of the table are JSON strings rather than hashes. */
    public boolean json(io.idaas.ddml.TableRef table) {
        String shape = shapes.get(table);
        return "json".equalsIgnoreCase(shape != null ? shape : getString(REDIS_TYPE));
    }

    public KeyTemplate keyTemplate(io.idaas.ddml.TableRef table) {
        return templates.get(table);
    }

    /** The columns to store only, or null when the table has no include entries. */
    public Set<String> includedFields(io.idaas.ddml.TableRef table) {
        return includes.get(table);
    }

    public Set<String> excludedFields(io.idaas.ddml.TableRef table) {
        Set<String> s = excludes.get(table);
        return s == null ? Set.of() : s;
    }

    public Map<String, String> renamedFields(io.idaas.ddml.TableRef table) {
        Map<String, String> m = renames.get(table);
        return m == null ? Map.of() : m;
    }

    /** The fixed time to live of the table's rows, or null. */
    public Long ttlSeconds(io.idaas.ddml.TableRef table) {
        return ttls.get(table);
    }

    /** The column holding the rows' expiry, or null. */
    public String ttlColumn(io.idaas.ddml.TableRef table) {
        return ttlColumns.get(table);
    }

    public Set<String> indexedColumns(io.idaas.ddml.TableRef table) {
        Set<String> s = indexes.get(table);
        return s == null ? Set.of() : s;
    }

    /** The start of the names of the column's index sets when redis.index.name.template gives one, else null. */
    public String indexSetNameStart(io.idaas.ddml.TableRef table, String column) {
        Map<String, String> m = indexNames.get(table);
        return m == null ? null : m.get(column);
    }

    public long tombstoneTtlSeconds() {
        return getLong(REDIS_TOMBSTONE_TTL_SECONDS);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public DdlPolicy alterPolicy() {
        return DdlPolicy.of(getString(DDL_ALTER));
    }

    public DdlPolicy dropPolicy() {
        return DdlPolicy.of(getString(DDL_DROP));
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public TopicRecreated topicRecreated() {
        return TopicRecreated.of(getString(TopicRecreated.CONFIG));
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    /** Refuses a URI that is not redis:// or rediss:// with a host, naming the form. */
    private static final class UriValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "set it to the Redis server, e.g. redis://host:6379");
            }
            String text = ((String) value).trim();
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                    throw new ConfigException(name, RedisConnections.redact(text), "the scheme must be redis:// (or "
                        + "rediss:// for TLS), e.g. redis://host:6379");
                }
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw new ConfigException(name, RedisConnections.redact(text), "the URI names no host; write "
                        + "redis://host:port, e.g. redis://127.0.0.1:6379");
                }
                String path = uri.getPath();
                if (path != null && !path.isEmpty() && !path.equals("/") && !path.substring(1).matches("[0-9]{1,5}")) {
                    throw new ConfigException(name, RedisConnections.redact(text), "the path '" + path + "' is not a "
                        + "database number; write redis://host:port/0");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, RedisConnections.redact(text), "not a URI (" + e.getReason()
                    + "); write redis://host:port, e.g. redis://127.0.0.1:6379");
            }
        }

        @Override
        public String toString() {
            return "redis://host:port[/db] or rediss://host:port[/db]";
        }
    }

    /** Refuses an empty prefix or one with white space. */
    private static final class PrefixValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = (String) value;
            if (s == null || s.isEmpty() || !s.equals(s.strip()) || s.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException(name, value, "the prefix must be non-empty and hold no white space, e.g. idaas");
            }
        }

        @Override
        public String toString() {
            return "non-empty, without white space";
        }
    }

    /** Runs an entries parser, turning its message into a ConfigException on the key. */
    private static final class EntriesValidator implements ConfigDef.Validator {
        private final Function<String, ?> parser;

        EntriesValidator(Function<String, ?> parser) {
            this.parser = parser;
        }

        @Override
        public void ensureValid(String name, Object value) {
            try {
                parser.apply((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated entries";
        }
    }
}
