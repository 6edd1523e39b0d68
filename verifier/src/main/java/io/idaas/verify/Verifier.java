package io.idaas.verify;

import io.idaas.verify.mongodb.MongoVerification;
import io.idaas.verify.redis.RedisVerification;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import io.idaas.verify.sql.Dialect;
import io.idaas.verify.sql.TableShape;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares a source table set with a target, across database systems, or with its Redis copy (a target
 * {@code redis://HOST:PORT}) or MongoDB copy (a target {@code mongodb://HOST:PORT/DATABASE}): {@code new Verifier(config).run()}.
 *
 * <pre>{@code
 * VerifyReport report = new Verifier(VerifyConfig.builder()
 *         .source("jdbc:mariadb://src:3306/shop", "u", "p")
 *         .target("jdbc:postgresql://dst:5432/shop", "u", "p")
 *         .table("orders").table("customers=public.clients")
 *         .build()).run();
 * }</pre>
 */
public final class Verifier {

    private final VerifyConfig config;
    private Progress progress = Progress.NONE;
    private final Map<String, VerifyStats> stats = new LinkedHashMap<>();
    private final List<String> repair = new ArrayList<>();

    public Verifier(VerifyConfig config) {
        this.config = config;
    }

    /** Where progress goes (default: nowhere). */
    public Verifier progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** The counters of each table verified so far, by source table name as configured. */
    public Map<String, VerifyStats> stats() {
        return Map.copyOf(stats);
    }

    /**
     * The statements that would repair the target, in its dialect, after {@link #run()}: INSERT for missing rows, DELETE
     * for extra rows, UPDATE of the differing fields, after a statement setting the session time zone to UTC. Only
     * confirmed differences are covered, all of them (not only the listed ones).
     */
    public List<String> repairStatements() {
        return List.copyOf(repair);
    }

    /**
     * Runs the verification.
     *
     * @throws IllegalArgumentException for bad input (a missing table, no primary key for the row modes, a topic that
     *                                  is not DDML), with what to do
     * @throws SQLException             when a database fails
     */
    public VerifyReport run() throws Exception {
        Instant started = Instant.now();
        if (config.target().redis() || config.target().mongodb()) {
            return runCopy(started);
        }
        Dialect sourceDialect = Dialect.forUrl(config.source().jdbcUrl());
        Dialect targetDialect = Dialect.forUrl(config.target().jdbcUrl());
        boolean sameFamily = sourceDialect.family().equals(targetDialect.family());
        List<TableReport> tables = new ArrayList<>();
        repair.clear();
        repair.add(targetDialect.repairPreamble());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "idaas-verify-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Connections srcs = new Connections(config.source(), sourceDialect); Connections dsts = new Connections(config.target(), targetDialect)) {
            Connection src = srcs.get(0);
            Connection dst = dsts.get(0);
            for (TableMapping mapping : config.tables()) {
                TableShape sourceShape = sourceDialect.shape(src, TableMapping.schemaOf(mapping.source()), TableMapping.tableOf(mapping.source()));
                TableShape targetShape = targetDialect.shape(dst, TableMapping.schemaOf(mapping.target()), TableMapping.tableOf(mapping.target()));
                ColumnPlan plan = ColumnPlan.of(sourceShape, sourceDialect, targetShape, targetDialect, config.ignoredColumns());
                VerifyStats tableStats = new VerifyStats();
                stats.put(mapping.source(), tableStats);
                TableSide sourceSide = new TableSide(true, src, sourceDialect, sourceShape, plan.keys(), plan.hashed(), sameFamily, tableStats);
                TableSide targetSide = new TableSide(false, dst, targetDialect, targetShape, plan.keys(), plan.hashed(), sameFamily, tableStats);
                List<TableSide> sides = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(sourceSide, targetSide));
                TableVerifier verifier = new TableVerifier(config, mapping, lane -> {
                    TableVerifier.Lane l = new TableVerifier.Lane(sourceSide.on(srcs.get(lane)), targetSide.on(dsts.get(lane)));
                    sides.add(l.source());
                    sides.add(l.target());
                    return l;
                }, plan, pool, tableStats, progress);
                try {
                    tables.add(verifyOne(verifier, mapping, plan));
                } finally {
                    sides.forEach(TableSide::closeStatements);
                }
                repair.add("-- " + mapping.source() + " -> " + targetShape.qualifiedName());
                repair.addAll(new RepairSql(targetDialect, targetShape, plan).statements(verifier.differences()));
            }
        } finally {
            pool.shutdownNow();
        }
        return new VerifyReport(config.mode().wireName(), config.source().displayUrl(), config.target().displayUrl(), started,
                config.changes() == null ? null : started, tables);
    }

    /** A Redis or MongoDB copy's tables (no repair statements: {@link #repairStatements()} stays empty). */
    private VerifyReport runCopy(Instant started) throws Exception {
        repair.clear();
        Dialect sourceDialect = Dialect.forUrl(config.source().jdbcUrl());
        List<TableReport> tables;
        try (Connection src = Connections.connect(config.source(), sourceDialect)) {
            tables = config.target().redis() ? RedisVerification.run(config, src, sourceDialect, stats, progress)
                    : MongoVerification.run(config, src, sourceDialect, stats, progress);
        }
        return new VerifyReport(config.mode().wireName(), config.source().displayUrl(), config.target().displayUrl(), started, null, tables);
    }

    private TableReport verifyOne(TableVerifier verifier, TableMapping mapping, ColumnPlan plan) throws Exception {
        if (config.mode() == Mode.COUNT) {
            return verifier.count();
        }
        VerifyConfig.Changes changes = config.changes();
        if (changes != null && changes.topics().containsKey(mapping.source())) {
            plan.requireKey(mapping);
            List<List<Object>> keys = ChangedKeys.read(changes.bootstrapServers(), changes.topics().get(mapping.source()), changes.since(),
                    plan.keys().stream().map(p -> p.source().name()).toList());
            if (keys != null) {
                return verifier.keys(keys);
            }
            // a truncate since the point: every row may have changed
        }
        return verifier.rows();
    }
}
