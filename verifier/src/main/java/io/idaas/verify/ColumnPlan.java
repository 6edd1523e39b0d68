package io.idaas.verify;

import io.idaas.verify.compare.ColumnPair;
import io.idaas.verify.sql.Column;
import io.idaas.verify.sql.Dialect;
import io.idaas.verify.sql.TableShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which columns are compared and how: the source's columns matched by name (case-insensitively) with the target's,
 * the key, the columns whose canonical text both databases compute (hashed in the range checksums), and those that
 * only Java can bring to a common text (compared row by row).
 *
 * @param keys         the primary-key columns, in the source's key order
 * @param compared     every column both tables have, in the source's order
 * @param hashed       the compared columns whose canonical text both databases compute in SQL
 * @param javaOnly     the compared columns compared in Java only
 * @param onlyInSource the source's columns that the target lacks
 * @param onlyInTarget the target's columns that the source lacks
 */
record ColumnPlan(List<ColumnPair> keys, List<ColumnPair> compared, List<ColumnPair> hashed, List<ColumnPair> javaOnly,
                  List<String> onlyInSource, List<String> onlyInTarget) {

    /** The plan for two tables, leaving out on both sides the columns {@code ignored} matches whole. */
    static ColumnPlan of(TableShape source, Dialect sourceDialect, TableShape target, Dialect targetDialect,
                         java.util.regex.Pattern ignored) {
        boolean sameFamily = sourceDialect.family().equals(targetDialect.family());
        List<ColumnPair> keys = new ArrayList<>();
        List<ColumnPair> compared = new ArrayList<>();
        List<ColumnPair> hashed = new ArrayList<>();
        List<ColumnPair> javaOnly = new ArrayList<>();
        List<String> onlyInSource = new ArrayList<>();
        for (Column s : source.columns()) {
            if (ignored.matcher(s.name()).matches()) {
                continue;
            }
            Optional<Column> t = target.column(s.name());
            if (t.isEmpty()) {
                onlyInSource.add(s.name());
                continue;
            }
            ColumnPair pair = ColumnPair.of(s, t.get(), source.primaryKey().contains(s.name()));
            compared.add(pair);
            boolean sql = sourceDialect.canonicalSql(pair, true, sameFamily).isPresent()
                    && targetDialect.canonicalSql(pair, false, sameFamily).isPresent();
            (sql ? hashed : javaOnly).add(pair);
        }
        for (String k : source.primaryKey()) {
            compared.stream().filter(p -> p.name().equals(k)).findFirst().ifPresent(keys::add);
        }
        List<String> onlyInTarget = target.columns().stream().map(Column::name)
                .filter(n -> source.column(n).isEmpty() && !ignored.matcher(n).matches()).toList();
        if (keys.size() != source.primaryKey().size() || keys.stream().anyMatch(p -> !hashed.contains(p))) {
            keys.clear(); // a key column the target lacks, or one the databases cannot compare: no keyed comparison
        }
        return new ColumnPlan(keys, compared, hashed, javaOnly, onlyInSource, onlyInTarget);
    }

    /** Whether the key is one integer column on both sides: ranges are then cut by arithmetic. */
    boolean integerKey() {
        return keys.size() == 1 && keys.get(0).source().type().kind().isInteger() && keys.get(0).target().type().kind().isInteger();
    }

    void requireKey(TableMapping mapping) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("table " + mapping.source() + " cannot be compared row by row: the source table has no primary key,"
                    + " or the target table " + mapping.target() + " lacks one of its columns; use --mode count for it");
        }
    }
}
