package io.idaas.verify;

import io.idaas.verify.compare.ColumnPair;
import io.idaas.verify.report.RowDifference;
import io.idaas.verify.sql.Dialect;
import io.idaas.verify.sql.TableShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statements that would repair a target table, in the target's dialect: INSERT for missing rows, DELETE for extra
 * rows, UPDATE of the differing fields. Values are the source's, written as literals of the target columns' types.
 */
final class RepairSql {

    private final Dialect dialect;
    private final TableShape target;
    private final ColumnPlan plan;

    RepairSql(Dialect dialect, TableShape target, ColumnPlan plan) {
        this.dialect = dialect;
        this.target = target;
        this.plan = plan;
    }

    List<String> statements(List<RowDifference> differences) {
        List<String> out = new ArrayList<>();
        String table = dialect.qualified(target);
        for (RowDifference d : differences) {
            switch (d.kind()) {
                case MISSING -> {
                    List<String> columns = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    for (ColumnPair pair : plan.compared()) {
                        columns.add(dialect.quote(pair.target().name()));
                        values.add(literal(pair, d.sourceRow().get(pair.name())));
                    }
                    out.add("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ");");
                }
                case EXTRA -> out.add("DELETE FROM " + table + " WHERE " + where(d.key()) + ";");
                case DIFFERENT -> out.add("UPDATE " + table + " SET " + d.fields().stream()
                        .map(f -> dialect.quote(pair(f.column()).target().name()) + " = " + literal(pair(f.column()), f.source()))
                        .collect(Collectors.joining(", ")) + " WHERE " + where(d.key()) + ";");
            }
        }
        return out;
    }

    private String where(Map<String, String> key) {
        return key.entrySet().stream().map(e -> {
            ColumnPair pair = pair(e.getKey());
            return dialect.quote(pair.target().name()) + " = " + literal(pair, e.getValue());
        }).collect(Collectors.joining(" AND "));
    }

    private String literal(ColumnPair pair, String canonical) {
        return dialect.literal(pair.target(), pair.semantic(), canonical);
    }

    private ColumnPair pair(String column) {
        return plan.compared().stream().filter(p -> p.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + column));
    }
}
