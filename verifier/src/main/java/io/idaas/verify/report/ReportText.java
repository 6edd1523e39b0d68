package io.idaas.verify.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human summary: a table of the tables, then the differences listed. */
public final class ReportText {

    /** Differences shown per table in the text form (the JSON form lists all that were kept). */
    private static final int SHOWN = 20;

    private ReportText() {
    }

    public static String write(VerifyReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"source table", "target table", "source rows", "target rows", "missing", "extra", "different", "result"});
        for (TableReport t : report.tables()) {
            rows.add(new String[] {t.sourceTable(), t.targetTable(), count(t.sourceRows(), t.keysChecked()), count(t.targetRows(), t.keysChecked()),
                    String.valueOf(t.missing()), String.valueOf(t.extra()), String.valueOf(t.different()), t.equal() ? "equal" : "DIFFERENT"});
        }
        StringBuilder out = new StringBuilder();
        int[] widths = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(i == 0 ? "" : "  ").append(i >= 2 && i <= 6 ? pad(r[i], widths[i], true) : pad(r[i], widths[i], false));
            }
            out.append(System.lineSeparator());
        }
        for (TableReport t : report.tables()) {
            if (!t.onlyInSource().isEmpty()) {
                out.append(t.targetTable()).append(" lacks columns: ").append(String.join(", ", t.onlyInSource())).append(System.lineSeparator());
            }
            if (!t.onlyInTarget().isEmpty()) {
                out.append(t.targetTable()).append(" has extra columns: ").append(String.join(", ", t.onlyInTarget())).append(System.lineSeparator());
            }
            int shown = 0;
            for (RowDifference d : t.differences()) {
                if (shown++ == SHOWN) {
                    out.append("  ... and more (--format json lists them all)").append(System.lineSeparator());
                    break;
                }
                out.append("  ").append(t.sourceTable()).append(' ').append(d.kind().wireName()).append(' ').append(key(d.key()));
                for (FieldDifference f : d.fields()) {
                    out.append(System.lineSeparator()).append("      ").append(f.column()).append(": source ").append(value(f.source()))
                            .append(", target ").append(value(f.target()));
                }
                out.append(System.lineSeparator());
            }
        }
        out.append(report.equal() ? "equal" : "DIFFERENT").append(System.lineSeparator());
        return out.toString();
    }

    private static String count(long rows, long keysChecked) {
        return rows >= 0 ? String.valueOf(rows) : keysChecked >= 0 ? keysChecked + " keys" : "-";
    }

    private static String key(Map<String, String> key) {
        return key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String value(String canonical) {
        if (canonical == null) {
            return "NULL";
        }
        String shown = canonical.length() > 80 ? canonical.substring(0, 77) + "..." : canonical;
        return "'" + shown + "'";
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
