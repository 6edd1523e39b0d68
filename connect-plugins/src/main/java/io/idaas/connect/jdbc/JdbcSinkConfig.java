package io.idaas.connect.jdbc;

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

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The JDBC sink's settings: one documented {@link ConfigDef}, with typed getters. */
public final class JdbcSinkConfig extends AbstractConfig {

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String TABLE_RENAME = "table.rename";
    public static final String COLUMN_RENAME = "column.rename";
    public static final String BATCH_SIZE = "batch.size";
    public static final String WRITE_PIPELINED = "write.pipelined";
    public static final String KEYLESS_MODE = "keyless.mode";
    public static final String DDL_CREATE = "ddl.create";
    public static final String DDL_ALTER = "ddl.alter";
    public static final String DDL_DROP = "ddl.drop";
    public static final String NATIVE_TYPES = "native.types";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String OFFSETS_TABLE = "offsets.table.name";
    public static final String TRANSACTIONS_FOLLOW = "transactions.follow";
    public static final String TRANSACTIONS_MAX_HELD_RECORDS = "transactions.max.held.records";
    public static final String TRANSACTIONS_MAX_HELD_MS = "transactions.max.held.ms";
    /** Settings of the Kafka admin client that reads the sink's topics' ids (the Redis and MongoDB sinks' key too). */
    public static final String APPLIED_KAFKA_PREFIX = AppliedKafka.PREFIX;
    public static final String APPLIED_KAFKA_BOOTSTRAP = AppliedKafka.BOOTSTRAP;

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_WRITES = "Writes";
    private static final String GROUP_TRANSACTIONS = "Transactions";
    private static final String GROUP_DDL = "DDL";
    private static final String GROUP_RETRIES = "Retries";

    private static final List<Object> POLICIES = Arrays.stream(DdlPolicy.values()).<Object>map(DdlPolicy::configValue).toList();

    /** What {@value #APPLIED_KAFKA_BOOTSTRAP} is for, in this sink. */
    private static final String APPLIED_KAFKA_DOC =
        "The Kafka cluster the sink reads (the worker's bootstrap.servers), where the sink reads its "
        + "topics' ids to tell the offsets it keeps in the offsets table from those of a deleted topic of the "
        + "same name (topic.recreated); the same key as the Redis and MongoDB sinks', which also raise "
        + "applied positions with it. Other admin client settings (security.protocol, sasl.*, ssl.*) take the "
        + "same applied.kafka. prefix. Empty: stored offsets are resumed unchecked.";

    /** Every key the sink reads. */
    public static final ConfigDef CONFIG_DEF = TopicRecreated.define(AppliedKafka.define(new ConfigDef()
        .define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(), Importance.HIGH,
            "The JDBC URL of the target, e.g. jdbc:postgresql://host:5432/db, jdbc:mariadb://host:3306/db or "
                + "jdbc:mysql://host:3306/db. Its scheme selects the dialect.",
            GROUP_CONNECTION, 1, Width.LONG, "JDBC URL")
        .define(CONNECTION_USER, Type.STRING, null, Importance.HIGH,
            "The database user; it needs to create and alter tables when a ddl.* policy is apply.",
            GROUP_CONNECTION, 2, Width.MEDIUM, "User")
        .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
            "The database user's password.", GROUP_CONNECTION, 3, Width.MEDIUM, "Password")
        .define(TABLE_NAME_FORMAT, Type.STRING, "${table}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
            "The target table for an event: ${table}, ${schema}, ${database} (the source's names) and ${topic} are "
                + "replaced; the result is one identifier, quoted for the target (a dot in it is part of the name).",
            GROUP_WRITES, 1, Width.MEDIUM, "Table name format")
        .define(TABLE_RENAME, Type.STRING, "", new RenameValidator(), Importance.MEDIUM,
            "Source tables written to a target table of another name, overriding table.name.format: comma-separated "
                + "source:target entries, the source as table, database.table (or schema.table) or "
                + "database.schema.table, as the source spells it; the most specific entry wins. E.g. "
                + "inventory.orders:orders_v2,customers:clients. rename_table events map both names.",
            GROUP_WRITES, 4, Width.LONG, "Table renames")
        .define(COLUMN_RENAME, Type.STRING, "", new RenameValidator(), Importance.MEDIUM,
            "Columns written under another name: comma-separated source:target entries, the source as "
                + "table.column (or database.table.column, database.schema.table.column) and the target the new "
                + "column name. E.g. orders.note:remark. Applied to rows, keys and DDL alike.",
            GROUP_WRITES, 5, Width.LONG, "Column renames")
        .define(BATCH_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
            "The most rows in one multi-row statement (fewer when their bind parameters would pass 65,535); a put() is "
                + "still applied in one transaction.",
            GROUP_WRITES, 2, Width.SHORT, "Batch size")
        .define(WRITE_PIPELINED, Type.BOOLEAN, true, Importance.LOW,
            "Whether a put()'s records are written to the target on a writer thread of the task while Connect fetches "
                + "and converts the next records (each put() first waits for the previous write; offsets are "
                + "committed to Kafka only once the target has committed them; a failed write is applied again before "
                + "anything else). false writes within put().",
            GROUP_WRITES, 7, Width.SHORT, "Pipelined writes")
        .define(KEYLESS_MODE, Type.STRING, "fail", ConfigDef.ValidString.in("fail", "append"), Importance.MEDIUM,
            "Rows of a table without a primary key: fail (such a record cannot apply: dead-letter topic or task "
                + "failure) or append (the target table is an append-only log: insert, read and update append their "
                + "new row, delete is not applied, truncate empties it; only the offsets table keeps a replay out).",
            GROUP_WRITES, 6, Width.SHORT, "Tables without a key")
        .define(OFFSETS_TABLE, Type.STRING, "idaas_sink_offsets", new ConfigDef.NonEmptyString(), Importance.LOW,
            "The target table where the sink keeps, per connector, topic and partition, the next offset to apply, "
                + "written in the same transaction as the rows.",
            GROUP_WRITES, 3, Width.MEDIUM, "Offsets table")
        .define(TRANSACTIONS_FOLLOW, Type.BOOLEAN, true, Importance.MEDIUM,
            "Whether the target shows a source transaction (the events' transaction block) whole: the trailing events "
                + "of a transaction that may continue in the next put() are held in memory, uncommitted, until its "
                + "end is seen on that topic partition (another transaction's event, or order = total). Per topic "
                + "partition only: a transaction whose tables go to different topics is not applied atomically.",
            GROUP_TRANSACTIONS, 1, Width.SHORT, "Follow source transactions")
        .define(TRANSACTIONS_MAX_HELD_RECORDS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
            "The most records of one source transaction held per topic partition; a longer transaction is applied "
                + "as it arrives, in parts, with a warning.",
            GROUP_TRANSACTIONS, 2, Width.SHORT, "Max held records")
        .define(TRANSACTIONS_MAX_HELD_MS, Type.LONG, 2_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
            "How long the trailing records of a source transaction wait for the transaction's end before they are "
                + "applied anyway, with a warning. Sources that do not announce a transaction's size (Debezium's "
                + "events carry no total) end their last transaction before a pause this way.",
            GROUP_TRANSACTIONS, 3, Width.SHORT, "Max held time (ms)")
        .define(DDL_CREATE, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES.toArray(String[]::new)),
            Importance.MEDIUM, "create_table events, and rows for a table the target lacks: apply (create it), "
                + "ignore (skip the DDL event; rows for a missing table then fail) or fail.",
            GROUP_DDL, 1, Width.SHORT, "Create tables", new Policies())
        .define(DDL_ALTER, Type.STRING, "apply", ConfigDef.ValidString.in(POLICIES.toArray(String[]::new)),
            Importance.MEDIUM, "alter_table events (add, drop, rename and retype columns, change the primary key), rename_table "
                + "events, and a row event whose schema has columns or a primary key the target table lacks: apply, ignore "
                + "or fail.",
            GROUP_DDL, 2, Width.SHORT, "Alter tables", new Policies())
        .define(DDL_DROP, Type.STRING, "ignore", ConfigDef.ValidString.in(POLICIES.toArray(String[]::new)),
            Importance.MEDIUM, "drop_table events: apply (drop the target table), ignore or fail. Ignored by default "
                + "so that a dropped source table keeps its copy.",
            GROUP_DDL, 3, Width.SHORT, "Drop tables", new Policies())
        .define(NATIVE_TYPES, Type.BOOLEAN, true, Importance.LOW,
            "Whether a column from a source of the target's family (MariaDB or MySQL into MariaDB or MySQL, PostgreSQL "
                + "into PostgreSQL) is created with its native_type (e.g. ENUM('a','b'), POINT, inet, integer[]) "
                + "rather than the portable mapping. A native type is used only when its text passes a strict grammar "
                + "(names, numbers, quoted literals, parentheses, commas) and the target can bind its values; else the "
                + "portable mapping is used, and logged.",
            GROUP_DDL, 4, Width.SHORT, "Native types")
        .define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
            "How many times in a row a put() that failed for a transient reason (connection lost, "
                + "SQLTransientException) is retried before the task fails.",
            GROUP_RETRIES, 1, Width.SHORT, "Max retries")
        .define(RETRY_BACKOFF_MS, Type.LONG, 3000L, ConfigDef.Range.atLeast(0), Importance.LOW,
            "How long Connect waits before handing a failed batch back to the task.",
            GROUP_RETRIES, 2, Width.SHORT, "Retry backoff (ms)"),
        APPLIED_KAFKA_DOC, GROUP_WRITES, 9, "Kafka admin settings"), GROUP_WRITES, 8);

    private final io.idaas.connect.jdbc.sink.Renames renames;

    public JdbcSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        renames = io.idaas.connect.jdbc.sink.Renames.parse(getString(TABLE_RENAME), getString(COLUMN_RENAME));
        if (renames.targetTables().contains(offsetsTable())) {
            throw new ConfigException(TABLE_RENAME, getString(TABLE_RENAME), "a table is renamed to the offsets table "
                + offsetsTable() + "; pick another name");
        }
        if (renames.targetColumns().contains(io.idaas.connect.jdbc.dialect.Dialect.POSITION_COLUMN)) {
            throw new ConfigException(COLUMN_RENAME, getString(COLUMN_RENAME), "a column is renamed to "
                + io.idaas.connect.jdbc.dialect.Dialect.POSITION_COLUMN + ", which the sink keeps; pick another name");
        }
    }

    /** The table.rename and column.rename maps. */
    public io.idaas.connect.jdbc.sink.Renames renames() {
        return renames;
    }

    public String url() {
        return getString(CONNECTION_URL);
    }

    public String user() {
        return getString(CONNECTION_USER);
    }

    public String password() {
        Password p = getPassword(CONNECTION_PASSWORD);
        return p == null ? null : p.value();
    }

    public String tableNameFormat() {
        return getString(TABLE_NAME_FORMAT);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public boolean pipelinedWrites() {
        return getBoolean(WRITE_PIPELINED);
    }

    public boolean appendKeyless() {
        return "append".equalsIgnoreCase(getString(KEYLESS_MODE));
    }

    public String offsetsTable() {
        return getString(OFFSETS_TABLE);
    }

    public boolean followTransactions() {
        return getBoolean(TRANSACTIONS_FOLLOW);
    }

    public int maxHeldRecords() {
        return getInt(TRANSACTIONS_MAX_HELD_RECORDS);
    }

    public long maxHeldMs() {
        return getLong(TRANSACTIONS_MAX_HELD_MS);
    }

    public DdlPolicy createPolicy() {
        return DdlPolicy.of(getString(DDL_CREATE));
    }

    public DdlPolicy alterPolicy() {
        return DdlPolicy.of(getString(DDL_ALTER));
    }

    public DdlPolicy dropPolicy() {
        return DdlPolicy.of(getString(DDL_DROP));
    }

    public boolean nativeTypes() {
        return getBoolean(NATIVE_TYPES);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public TopicRecreated topicRecreated() {
        return TopicRecreated.of(getString(TopicRecreated.CONFIG));
    }

    /** The admin client's settings for the topics' ids; empty when {@value #APPLIED_KAFKA_BOOTSTRAP} is not set. */
    public Map<String, Object> appliedKafka() {
        return AppliedKafka.adminConfig(this);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    /** Refuses a URL whose scheme no dialect serves, naming the ones that do. */
    private static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "set it to the target's JDBC URL, e.g. jdbc:postgresql://host:5432/db");
            }
            try {
                io.idaas.connect.jdbc.dialect.Dialects.forUrl((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "jdbc:postgresql:..., jdbc:mariadb:... or jdbc:mysql:...";
        }
    }

    /** Refuses a table.rename or column.rename value that breaks the syntax, naming the entry and the fix. */
    private static final class RenameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                if (name.equals(TABLE_RENAME)) {
                    io.idaas.connect.jdbc.sink.Renames.parse((String) value, null);
                } else {
                    io.idaas.connect.jdbc.sink.Renames.parse(null, (String) value);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated source:target entries, e.g. inventory.orders:orders_v2";
        }
    }

    /** Recommends the three policy values. */
    private static final class Policies implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return POLICIES;
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }
}
