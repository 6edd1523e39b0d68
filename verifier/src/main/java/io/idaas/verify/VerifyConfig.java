package io.idaas.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to verify and how. Build with {@link #builder()}; {@link Builder#build()} refuses bad values, naming the option and
 * the fix.
 *
 * @param source         the source database
 * @param target         the target database
 * @param tables         the tables, source to target
 * @param mode           count, row or field
 * @param chunkRows      rows per key range at the top level (ranges whose checksums differ are cut down from there)
 * @param leafRows       a range of at most this many rows whose checksums differ is fetched and compared in Java
 * @param fanout         how many parts a range whose checksums differ is cut into
 * @param parallel       connections per side: key ranges are checked on this many connections to each database at once
 * @param recheckRounds  how many times rows that differ are read again by key before they are reported (a target that
 *                       is behind catches up meanwhile); 0 reports them at once
 * @param recheckDelay   the wait before each re-check round
 * @param maxListed      at most this many differences are listed per table (all are counted)
 * @param changes        the incremental mode: when set, only keys changed since a point are compared
 * @param ignoredColumns columns left out on both sides (matched whole, case-insensitively): by default the idaas JDBC
 *                       sink's bookkeeping column {@code _idaas_position} (connect-plugins README), which its targets
 *                       have and their sources do not
 * @param redisPrefix    for a Redis target ({@code redis://...}): the Redis sink's {@code redis.prefix}, which starts
 *                       every key it writes (ddml-converter SPEC.md §11.1)
 */
public record VerifyConfig(Database source, Database target, List<TableMapping> tables, Mode mode, int chunkRows, int leafRows,
                           int fanout, int parallel, int recheckRounds, Duration recheckDelay, int maxListed, Changes changes,
                           java.util.regex.Pattern ignoredColumns, String redisPrefix) {

    /**
     * The default of {@link #parallel}: two connections per side, which on the 2-core machine of the benchmark
     * (benchmarks/README.md, VerifyBenchmark) keep both cores busy while the two databases compute their checksums.
     */
    public static final int DEFAULT_PARALLEL = 2;

    /** The default of {@link #ignoredColumns}: the idaas sink's bookkeeping columns. */
    public static final String DEFAULT_IGNORED_COLUMNS = "_idaas_.*";

    public VerifyConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        tables = List.copyOf(tables);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default of {@link #redisPrefix}: the Redis sink's default {@code redis.prefix}. */
    public static final String DEFAULT_REDIS_PREFIX = "idaas";

    /**
     * A database to connect to: a JDBC URL, or for a Redis target {@code redis://HOST:PORT[/DB]} (or {@code rediss://}), or
     * for a MongoDB target a connection string naming the database, {@code mongodb://HOST:PORT/DATABASE}.
     */
    public record Database(String jdbcUrl, String user, String password) {
        /** The URL without credentials that some drivers accept in it, for reports. */
        public String displayUrl() {
            return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(?i)^(rediss?://[^:@/]*:)[^@/]*@", "$1***@")
                    .replaceAll("(?i)^(mongodb(\\+srv)?://[^:@/]*:)[^@/]*@", "$1***@");
        }

        /** Whether this is a MongoDB server ({@code mongodb://} or {@code mongodb+srv://}) rather than a JDBC database. */
        public boolean mongodb() {
            String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
            return url.startsWith("mongodb://") || url.startsWith("mongodb+srv://");
        }

        /** Whether this is a Redis server ({@code redis://} or {@code rediss://}) rather than a JDBC database. */
        public boolean redis() {
            String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
            return url.startsWith("redis://") || url.startsWith("rediss://");
        }
    }

    /**
     * The incremental mode: the keys of DDML events on {@code topics} (source table to topic) since {@code since}
     * (null: from the beginning of the topics) up to the end of the topics when the verification starts.
     */
    public record Changes(String bootstrapServers, Map<String, String> topics, Instant since) {
        public Changes {
            topics = Map.copyOf(topics);
        }
    }

    /** Builds a {@link VerifyConfig}. */
    public static final class Builder {
        private Database source;
        private Database target;
        private final List<TableMapping> tables = new ArrayList<>();
        private Mode mode = Mode.FIELD;
        private int chunkRows = 10_000;
        private int leafRows = 1_000;
        private int fanout = 8;
        private int parallel = DEFAULT_PARALLEL;
        private int recheckRounds = 2;
        private Duration recheckDelay = Duration.ofSeconds(2);
        private int maxListed = 1_000;
        private String bootstrapServers;
        private final Map<String, String> topics = new LinkedHashMap<>();
        private Instant since;
        private String ignoredColumns = DEFAULT_IGNORED_COLUMNS;
        private String redisPrefix = DEFAULT_REDIS_PREFIX;

        public Builder source(String jdbcUrl, String user, String password) {
            this.source = new Database(jdbcUrl, user, password);
            return this;
        }

        public Builder target(String jdbcUrl, String user, String password) {
            this.target = new Database(jdbcUrl, user, password);
            return this;
        }

        /** A table: {@code name}, or {@code src=dst}. */
        public Builder table(String mapping) {
            tables.add(TableMapping.parse(mapping));
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder chunkRows(int chunkRows) {
            this.chunkRows = chunkRows;
            return this;
        }

        public Builder leafRows(int leafRows) {
            this.leafRows = leafRows;
            return this;
        }

        public Builder fanout(int fanout) {
            this.fanout = fanout;
            return this;
        }

        /** Connections per side on which key ranges are checked at once (default {@link #DEFAULT_PARALLEL}). */
        public Builder parallel(int parallel) {
            this.parallel = parallel;
            return this;
        }

        public Builder recheck(int rounds, Duration delay) {
            this.recheckRounds = rounds;
            this.recheckDelay = delay;
            return this;
        }

        public Builder maxListed(int maxListed) {
            this.maxListed = maxListed;
            return this;
        }

        /** The incremental mode's Kafka cluster. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** The DDML topic holding the changes of a source table (as named in {@link #table}). */
        public Builder changesTopic(String sourceTable, String topic) {
            topics.put(sourceTable, topic);
            return this;
        }

        /** A regular expression of the column names to leave out on both sides; empty: compare every column. */
        public Builder ignoredColumns(String regex) {
            this.ignoredColumns = regex;
            return this;
        }

        /** For a Redis target: the sink's {@code redis.prefix} (default {@code idaas}). */
        public Builder redisPrefix(String redisPrefix) {
            this.redisPrefix = redisPrefix;
            return this;
        }

        /** Changes since this instant (Kafka record time); unset: from the beginning of the topics. */
        public Builder since(Instant since) {
            this.since = since;
            return this;
        }

        public VerifyConfig build() {
            require(source != null && source.jdbcUrl() != null && !source.jdbcUrl().isBlank(), "the source JDBC URL is missing: give --source jdbc:...");
            require(target != null && target.jdbcUrl() != null && !target.jdbcUrl().isBlank(), "the target JDBC URL is missing: give --target jdbc:..., redis://HOST:PORT or mongodb://HOST:PORT/DATABASE");
            require(!source.redis() && !source.mongodb(), "the source must be a database (jdbc:...), not " + source.displayUrl() + ": the verifier compares a copy with the table it was made from");
            require(redisPrefix != null && redisPrefix.matches("[^\\s]{1,200}"), "--redis-prefix '" + redisPrefix + "' is not a Redis sink's redis.prefix: give its text (default idaas), without spaces");
            require(!tables.isEmpty(), "no table to verify: give --table NAME (or SRC=DST) at least once");
            require(mode != null, "the mode is missing: count, row or field");
            require(chunkRows >= 1, "--chunk-rows must be at least 1, not " + chunkRows);
            require(leafRows >= 1, "--leaf-rows must be at least 1, not " + leafRows);
            require(fanout >= 2, "--fanout must be at least 2, not " + fanout);
            require(parallel >= 1 && parallel <= 64, "--parallel must be between 1 and 64 connections per side, not " + parallel);
            require(recheckRounds >= 0, "--recheck-rounds must be 0 or more, not " + recheckRounds);
            require(recheckDelay != null && !recheckDelay.isNegative(), "--recheck-delay must not be negative");
            require(maxListed >= 0, "--max-listed must be 0 or more, not " + maxListed);
            Changes changes = null;
            if (!topics.isEmpty()) {
                require(bootstrapServers != null && !bootstrapServers.isBlank(), "the incremental mode (--changes-topic) needs Kafka: give --bootstrap-server HOST:PORT");
                require(mode != Mode.COUNT, "the incremental mode compares rows: use --mode row or field, not count");
                require(!target.redis() && !target.mongodb(), "the incremental mode (--changes-topic) compares SQL targets only; verify a "
                        + (target.redis() ? "Redis" : "MongoDB") + " target whole (--mode count, row or field)");
                for (String table : topics.keySet()) {
                    require(tables.stream().anyMatch(t -> t.source().equals(table)),
                            "--changes-topic names the table '" + table + "', which is not one of the --table options " + tables.stream().map(TableMapping::source).toList());
                }
                changes = new Changes(bootstrapServers, topics, since);
            } else {
                require(since == null, "--since needs --changes-topic TABLE=TOPIC: the incremental mode reads changed keys from DDML topics");
            }
            java.util.regex.Pattern ignored;
            try {
                ignored = java.util.regex.Pattern.compile(ignoredColumns == null || ignoredColumns.isEmpty() ? "(?!)" : ignoredColumns,
                        java.util.regex.Pattern.CASE_INSENSITIVE);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("--ignore-columns '" + ignoredColumns + "' is not a regular expression ("
                        + e.getDescription() + "); give one like _idaas_.* or an empty string to compare every column");
            }
            return new VerifyConfig(source, target, tables, mode, chunkRows, leafRows, fanout, parallel, recheckRounds, recheckDelay, maxListed,
                    changes, ignored, redisPrefix);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
