package io.idaas.verify.redis;

import io.idaas.verify.Mode;
import io.idaas.verify.Progress;
import io.idaas.verify.TableMapping;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.VerifyStats;
import io.idaas.verify.copy.SourceRows;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.sql.Column;
import io.idaas.verify.sql.Dialect;
import io.idaas.verify.sql.TableShape;
import redis.clients.jedis.RedisClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verification of Redis copies (ddml-converter SPEC.md §11.1) against their source tables: a table
 * {@code SRC} is looked for under the table id the sink uses, {@code <database>.<table>} (MariaDB, MySQL) or
 * {@code <database>.<schema>.<table>} (PostgreSQL); {@code SRC=TABLE_ID} names another (a view's name, or a routed
 * table's).
 */
public final class RedisVerification {

    private RedisVerification() {
    }

    /** Verifies every table of {@code config}, its source read through {@code src}; each table's counters go to {@code stats}. */
    public static List<TableReport> run(VerifyConfig config, Connection src, Dialect dialect, Map<String, VerifyStats> stats,
                                        Progress progress) throws Exception {
        List<TableReport> reports = new ArrayList<>();
        try (RedisClient redis = RedisTargets.open(config.target())) {
            redis.ping();
            for (TableMapping mapping : config.tables()) {
                TableShape shape = dialect.shape(src, schemaOf(mapping.source()), tableOf(mapping.source()));
                String tableId = mapping.target().equals(mapping.source()) ? tableId(src, dialect, shape) : mapping.target();
                List<Column> keys = new ArrayList<>();
                for (String k : shape.primaryKey()) {
                    keys.add(shape.column(k).orElseThrow());
                }
                List<Column> columns = shape.columns().stream()
                        .filter(c -> !config.ignoredColumns().matcher(c.name()).matches() || keys.contains(c)).toList();
                VerifyStats tableStats = new VerifyStats();
                stats.put(mapping.source(), tableStats);
                RedisTableVerifier verifier = new RedisTableVerifier(config, shape.qualifiedName(),
                        new SourceRows(src, dialect, shape, keys, columns), keys, columns,
                        new RedisCopy(redis, config.redisPrefix(), tableId), dialect.family().equals("postgresql"), tableStats, progress);
                if (config.mode() == Mode.COUNT) {
                    reports.add(verifier.count());
                } else {
                    if (keys.isEmpty()) {
                        throw new IllegalArgumentException("table " + mapping.source() + " cannot be compared row by row with its Redis copy: "
                                + "it has no primary key, and the copy's keys are made of it; use --mode count for it");
                    }
                    reports.add(verifier.rows());
                }
            }
        }
        return reports;
    }

    /** The table id the Redis sink keys the table's rows with: {@code <database>[.<schema>].<table>} of its DDML events. */
    static String tableId(Connection src, Dialect dialect, TableShape shape) throws SQLException {
        if (dialect.family().equals("postgresql")) {
            return src.getCatalog() + "." + shape.schema() + "." + shape.table();
        }
        return shape.schema() + "." + shape.table();
    }

    private static String schemaOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(0, dot);
    }

    private static String tableOf(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
