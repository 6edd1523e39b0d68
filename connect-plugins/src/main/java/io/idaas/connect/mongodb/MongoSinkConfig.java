package io.idaas.connect.mongodb;

import com.mongodb.ConnectionString;
import io.idaas.connect.sink.AppliedKafka;
import io.idaas.connect.sink.DdlPolicy;
import io.idaas.connect.sink.TopicRecreated;
import io.idaas.ddml.TableRef;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.Arrays;
import java.util.Map;

/** The MongoDB sink's settings: one documented {@link ConfigDef}, with typed getters. */
public final class MongoSinkConfig extends AbstractConfig {

    public static final String CONNECTION_URI = "mongodb.connection.uri";
    public static final String DATABASE = "mongodb.database";
    public static final String COLLECTION_TEMPLATE = "mongodb.collection.template";
    public static final String WRITE_MODE = "mongodb.write.mode";
    public static final String KEY_INDEX = "mongodb.key.index";
    public static final String TOMBSTONE_TTL_SECONDS = "mongodb.tombstone.ttl.seconds";
    public static final String TIMEOUT_MS = "mongodb.timeout.ms";
    public static final String MERGE_ARRAYS = "mongodb.merge.arrays";
    public static final String BATCH_SIZE = "batch.size";
    public static final String DDL_DROP_TABLE = "ddl.drop.table";
    public static final String DDL_RENAME_TABLE = "ddl.rename.table";
    public static final String DDL_DROP_COLUMN = "ddl.drop.column";
    public static final String DDL_RENAME_COLUMN = "ddl.rename.column";
    public static final String DDL_TRUNCATE = "ddl.truncate";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    /** Settings of the Kafka admin client that reads the end offsets behind {@code _idaas_applied}. */
    public static final String APPLIED_KAFKA_PREFIX = AppliedKafka.PREFIX;
    public static final String APPLIED_KAFKA_BOOTSTRAP = AppliedKafka.BOOTSTRAP;

    /** How a row's change is written. */
    public enum WriteMode {
        /** replaceOne: the document becomes the row (fields the row does not have are removed). */
        REPLACE,
        /** updateOne with $set of each column the event carries: fields the event does not carry are kept. */
        SET
    }

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_LAYOUT = "Layout";
    private static final String GROUP_WRITES = "Writes";
    private static final String GROUP_DDL = "DDL";
    private static final String GROUP_RETRIES = "Retries";
    private static final String GROUP_TOKENS = "Consistency tokens";

    private static final String[] POLICIES = Arrays.stream(DdlPolicy.values()).map(DdlPolicy::configValue).toArray(String[]::new);
    private static final String[] APPLY_IGNORE = {"apply", "ignore"};

    /** What {@value #APPLIED_KAFKA_BOOTSTRAP} is for, in this sink. */
    private static final String APPLIED_KAFKA_DOC =
        "The Kafka cluster the sink reads (the worker's bootstrap.servers), for _idaas_applied, the "
        + "position a consistency token is checked against: a position is written there only once every "
        + "partition of the sink's topics (topics or topics.regex) is applied, in _idaas_offsets, up to its "
        + "end offset read after the position was applied. Other admin client settings (security.protocol, "
        + "sasl.*, ssl.*) take the same applied.kafka. prefix. The sink also reads its topics' ids there, to "
        + "tell its stored offsets from those of a deleted topic of the same name (topic.recreated). Empty: "
        + "_idaas_applied is not written, and stored offsets are resumed unchecked.";

    /** Every key the sink reads. */
    public static final ConfigDef CONFIG_DEF = TopicRecreated.define(AppliedKafka.define(new ConfigDef()
        .define(CONNECTION_URI, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, new UriValidator(), Importance.HIGH,
            "The MongoDB connection string, as MongoDB's drivers take it: mongodb://[user:password@]host[:port][,...]"
                + "[/?options] or mongodb+srv://... . A password type, so Connect hides it (it may hold credentials). "
                + "Connect's validate endpoint connects with it (ping).",
            GROUP_CONNECTION, 1, Width.LONG, "Connection string")
        .define(DATABASE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new DatabaseValidator(), Importance.HIGH,
            "The target database: every collection the sink writes, and its bookkeeping collections (_idaas_offsets, "
                + "_idaas_applied, _idaas_tombstones, _idaas_tables), are in it.",
            GROUP_CONNECTION, 2, Width.MEDIUM, "Database")
        .define(TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(100), Importance.LOW,
            "How long finding the server, connecting and each operation may take, in milliseconds; a batch that takes "
                + "longer is retried (the position guard makes the writes it already made harmless).",
            GROUP_CONNECTION, 3, Width.SHORT, "Timeout (ms)")
        .define(COLLECTION_TEMPLATE, Type.STRING, "{table}", new TemplateValidator(), Importance.HIGH,
            "The collection of a table's rows: a template with the placeholders {database}, {schema} and {table} (the "
                + "DDML event's source.database, source.schema, source.table; a view's changelog: {table} is the view's "
                + "name, {database} and {schema} empty). A name MongoDB refuses ($, NUL, empty, starting with system.) "
                + "sends the record to the dead-letter topic with the reason; it is never rewritten.",
            GROUP_LAYOUT, 1, Width.MEDIUM, "Collection template")
        .define(KEY_INDEX, Type.BOOLEAN, false, Importance.LOW,
            "Whether to create, with each collection, an index on the key columns' fields (ascending, in key order), "
                + "for queries by those fields; the key itself is always _id, which MongoDB indexes.",
            GROUP_LAYOUT, 2, Width.SHORT, "Index the key columns")
        .define(TOMBSTONE_TTL_SECONDS, Type.LONG, 604_800L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "How long a deleted row's position is kept in _idaas_tombstones (a TTL index on expireAt), so that an older "
                + "event of that key replayed later (after the offsets were reset) does not bring the row back.",
            GROUP_LAYOUT, 3, Width.SHORT, "Tombstone time to live (s)")
        .define(MERGE_ARRAYS, Type.LIST, "", new MergeSpec.Validator(), Importance.MEDIUM,
            "Child tables whose rows are written as elements of an array inside their parent's document instead of "
                + "documents of their own (master-detail merge), one entry per child table: " + MergeSpec.FORM
                + ", e.g. order_items:orders:items:order_id. <child table> is the event's source.table; the key columns "
                + "hold the parent document's _id (one column: its value; several: the sub-document of the named "
                + "fields, in the parent's key order). Each element is the child row (a field per column) with "
                + "_ddml.sortable, matched by the child's primary key; a parent document that does not exist yet is "
                + "created holding only _id and the array; a parent collection's rows are then always written with "
                + "$set (never replaceOne), so they keep the arrays. Empty: no table is merged.",
            GROUP_LAYOUT, 4, Width.LONG, "Merge child tables into arrays")
        .define(WRITE_MODE, Type.STRING, "replace", ConfigDef.CaseInsensitiveValidString.in("replace", "set"), Importance.MEDIUM,
            "How an insert or update is written: replace (replaceOne: the document becomes the row, so fields added "
                + "by others are removed) or set (updateOne with $set of every column the event carries, NULL as BSON "
                + "null: fields the event does not carry are kept). Both upsert under the position guard. An event "
                + "that carries only some columns (SPEC.md section 6) is written with $set in both modes.",
            GROUP_WRITES, 1, Width.SHORT, "Write mode")
        .define(BATCH_SIZE, Type.INT, 500, ConfigDef.Range.between(1, 100_000), Importance.MEDIUM,
            "The most records written by one bulkWrite (unordered; a key written twice in a batch starts a new bulk, "
                + "so the changes of one key keep their order).",
            GROUP_WRITES, 2, Width.SHORT, "Batch size")
        .define(DDL_DROP_TABLE, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES), Importance.MEDIUM,
            "drop_table events: apply (drop the collection), ignore (keep it) or fail (the task stops).",
            GROUP_DDL, 1, Width.SHORT, "Drop tables")
        .define(DDL_RENAME_TABLE, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES), Importance.MEDIUM,
            "rename_table events: apply (renameCollection to the new table's collection), ignore (the documents "
                + "written before stay in the old collection; later rows go to the new one) or fail.",
            GROUP_DDL, 2, Width.SHORT, "Rename tables")
        .define(DDL_DROP_COLUMN, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES), Importance.MEDIUM,
            "alter_table events that drop columns: apply ($unset of the field in every document written before the "
                + "change), ignore (documents keep the field until next written in replace mode) or fail.",
            GROUP_DDL, 3, Width.SHORT, "Drop columns")
        .define(DDL_RENAME_COLUMN, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES), Importance.MEDIUM,
            "alter_table events that rename columns: apply ($rename of the field in every document written before the "
                + "change), ignore or fail.",
            GROUP_DDL, 4, Width.SHORT, "Rename columns")
        .define(DDL_TRUNCATE, Type.STRING, "apply", ConfigDef.ValidString.in(APPLY_IGNORE), Importance.MEDIUM,
            "truncate (DML) and truncate_table (DDL) events: apply (delete the documents written before the truncate, "
                + "and keep its position so older changes replayed later are not applied) or ignore.",
            GROUP_DDL, 5, Width.SHORT, "Truncates")
        .define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
            "How many times in a row a batch that failed for a passing reason (MongoDB unreachable, no primary, a "
                + "timeout, a write concern error) is retried before the task fails. Nothing is skipped.",
            GROUP_RETRIES, 1, Width.SHORT, "Max retries")
        .define(RETRY_BACKOFF_MS, Type.LONG, 3000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "How long Connect waits before handing a failed batch back to the task.",
            GROUP_RETRIES, 2, Width.SHORT, "Retry backoff (ms)"),
        APPLIED_KAFKA_DOC, GROUP_TOKENS, 1, "Kafka for applied positions"), GROUP_WRITES, 3);

    public MongoSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public String connectionUri() {
        Password p = getPassword(CONNECTION_URI);
        return p == null ? null : p.value();
    }

    public String database() {
        return getString(DATABASE);
    }

    public int timeoutMs() {
        return getInt(TIMEOUT_MS);
    }

    public String collectionTemplate() {
        return getString(COLLECTION_TEMPLATE);
    }

    /** The collection of a table's rows: the template with the table's names (an absent one: empty). */
    public String collection(TableRef table) {
        return collectionTemplate()
            .replace("{database}", table.database() == null ? "" : table.database())
            .replace("{schema}", table.schema() == null ? "" : table.schema())
            .replace("{table}", table.table());
    }

    public boolean keyIndex() {
        return getBoolean(KEY_INDEX);
    }

    public long tombstoneTtlSeconds() {
        return getLong(TOMBSTONE_TTL_SECONDS);
    }

    public WriteMode writeMode() {
        return WriteMode.valueOf(getString(WRITE_MODE).trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The merged child tables, by table name (empty when none). */
    Map<String, MergeSpec> merges() {
        return MergeSpec.parseAll(getList(MERGE_ARRAYS));
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public DdlPolicy dropTable() {
        return DdlPolicy.of(getString(DDL_DROP_TABLE));
    }

    public DdlPolicy renameTable() {
        return DdlPolicy.of(getString(DDL_RENAME_TABLE));
    }

    public DdlPolicy dropColumn() {
        return DdlPolicy.of(getString(DDL_DROP_COLUMN));
    }

    public DdlPolicy renameColumn() {
        return DdlPolicy.of(getString(DDL_RENAME_COLUMN));
    }

    public boolean applyTruncate() {
        return "apply".equalsIgnoreCase(getString(DDL_TRUNCATE));
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

    /** The admin client's settings for the applied positions; empty when {@value #APPLIED_KAFKA_BOOTSTRAP} is not set. */
    public Map<String, Object> appliedKafka() {
        return AppliedKafka.adminConfig(this);
    }

    /** Why MongoDB would refuse {@code name} as a collection name, or null when it takes it. */
    public static String refusedCollectionName(String name) {
        if (name.isEmpty()) {
            return "the collection name is empty";
        }
        if (name.indexOf('$') >= 0) {
            return "the collection name '" + name + "' holds '$'";
        }
        if (name.indexOf('\0') >= 0) {
            return "the collection name holds a NUL character";
        }
        if (name.startsWith("system.")) {
            return "the collection name '" + name + "' starts with 'system.', which MongoDB keeps for itself";
        }
        if (name.startsWith("_idaas")) {
            return "the collection name '" + name + "' starts with '_idaas', which the sink keeps for its bookkeeping";
        }
        return null;
    }

    /** Refuses a connection string the driver cannot read, naming the form (never echoing it: it may hold a password). */
    private static final class UriValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "set it to the MongoDB connection string, e.g. mongodb://host:27017");
            }
            String text = value instanceof Password p ? p.value() : String.valueOf(value);
            try {
                new ConnectionString(text.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, "[hidden]", "not a MongoDB connection string (" + e.getMessage()
                    + "); write mongodb://host:27017 or mongodb+srv://cluster.example.net");
            }
        }

        @Override
        public String toString() {
            return "mongodb://host[:port][,...][/?options] or mongodb+srv://host";
        }
    }

    /** Refuses a database name MongoDB refuses. */
    private static final class DatabaseValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = (String) value;
            if (s == null || s.isBlank()) {
                throw new ConfigException(name, value, "set the target database, e.g. idaas");
            }
            for (char c : "/\\. \"$\0".toCharArray()) {
                if (s.indexOf(c) >= 0) {
                    throw new ConfigException(name, value, "MongoDB refuses database names holding '" + (c == 0 ? "NUL" : c)
                        + "'; choose a name of letters, digits, _ and -");
                }
            }
            if (s.length() > 63) {
                throw new ConfigException(name, value, "MongoDB database names have at most 63 characters");
            }
        }

        @Override
        public String toString() {
            return "a MongoDB database name (no / \\ . space \" $)";
        }
    }

    /** Refuses a template with an unknown placeholder or none naming the table. */
    private static final class TemplateValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = (String) value;
            if (s == null || !s.contains("{table}")) {
                throw new ConfigException(name, value, "the template must hold {table}, e.g. {table} or {database}.{table}");
            }
            String rest = s.replace("{database}", "").replace("{schema}", "").replace("{table}", "");
            if (rest.contains("{") || rest.contains("}")) {
                throw new ConfigException(name, value, "unknown placeholder; only {database}, {schema} and {table} are known");
            }
            if (rest.contains("$")) {
                throw new ConfigException(name, value, "MongoDB refuses collection names holding '$'");
            }
        }

        @Override
        public String toString() {
            return "a collection name template with {table}, and optionally {database}, {schema}";
        }
    }
}
