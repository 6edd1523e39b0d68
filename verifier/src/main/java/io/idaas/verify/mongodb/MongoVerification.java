package io.idaas.verify.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
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
import org.bson.Document;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verification of MongoDB copies kept by the idaas MongoDB sink (a document per row in the database of the target's
 * connection string, {@code _id} the key; ddml-converter SPEC.md §11) against their source tables: a table {@code SRC}
 * is looked for in the collection the sink's default {@code mongodb.collection.template} ({@code {table}}) names, the
 * source table's name; {@code SRC=COLLECTION} names another (another template, a view's name, a routed table). The
 * sink's own collections ({@code _idaas*}) and each document's {@code _ddml} member are not compared.
 */
public final class MongoVerification {

    private MongoVerification() {
    }

    /** Verifies every table of {@code config}, its source read through {@code src}; each table's counters go to {@code stats}. */
    public static List<TableReport> run(VerifyConfig config, Connection src, Dialect dialect, Map<String, VerifyStats> stats,
                                        Progress progress) throws Exception {
        ConnectionString cs = MongoTargets.parse(config.target());
        List<TableReport> reports = new ArrayList<>();
        try (MongoClient client = MongoTargets.open(config.target())) {
            MongoDatabase database = client.getDatabase(cs.getDatabase());
            try {
                database.runCommand(new Document("ping", 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the MongoDB target " + config.target().displayUrl() + " does not answer: "
                        + e.getMessage() + "; check the host, the port and the credentials");
            }
            for (TableMapping mapping : config.tables()) {
                if (!mapping.target().equals(mapping.source()) && mapping.target().startsWith("_idaas")) {
                    throw new IllegalArgumentException("--table " + mapping.source() + "=" + mapping.target() + ": collections named _idaas* hold the "
                            + "sink's bookkeeping, not rows; name the table's collection");
                }
                TableShape shape = dialect.shape(src, TableMapping.schemaOf(mapping.source()), TableMapping.tableOf(mapping.source()));
                String collection = mapping.target().equals(mapping.source()) ? shape.table() : mapping.target();
                List<Column> keys = new ArrayList<>();
                for (String k : shape.primaryKey()) {
                    keys.add(shape.column(k).orElseThrow());
                }
                List<Column> columns = shape.columns().stream()
                        .filter(c -> !config.ignoredColumns().matcher(c.name()).matches() || keys.contains(c)).toList();
                VerifyStats tableStats = new VerifyStats();
                stats.put(mapping.source(), tableStats);
                MongoTableVerifier verifier = new MongoTableVerifier(config, shape.qualifiedName(),
                        new SourceRows(src, dialect, shape, keys, columns), keys, columns, new MongoCopy(database, collection),
                        dialect.family().equals("postgresql"), tableStats, progress);
                if (config.mode() == Mode.COUNT) {
                    reports.add(verifier.count());
                } else {
                    if (keys.isEmpty()) {
                        throw new IllegalArgumentException("table " + mapping.source() + " cannot be compared row by row with its MongoDB copy: "
                                + "it has no primary key, and the documents' _id is made of it; use --mode count for it");
                    }
                    reports.add(verifier.rows());
                }
            }
        }
        return reports;
    }
}
