package io.idaas.ddml.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A native type as declared, split into parts: {@code "decimal(10,2) unsigned"} has name
 * {@code DECIMAL}, arguments {@code [10, 2]} and the flag unsigned; {@code "timestamp(3) with time
 * zone"} has name {@code TIMESTAMP WITH TIME ZONE} and argument {@code 3}; {@code "integer[]"}
 * is an array of {@code INTEGER}. Quoted arguments (enum and set values) are unquoted.
 *
 * @param name     the words of the type outside parentheses, uppercase, single-spaced
 * @param args     the arguments of the first parenthesized group
 * @param unsigned whether UNSIGNED was given
 * @param array    whether the type ends in {@code []}
 */
record NativeTypeName(String name, List<String> args, boolean unsigned, boolean array) {

    private static final Set<String> IGNORED = Set.of("SIGNED", "ZEROFILL");

    static NativeTypeName parse(String text) {
        String s = text.trim();
        boolean array = false;
        while (s.endsWith("[]")) {
            array = true;
            s = s.substring(0, s.length() - 2).trim();
        }
        List<String> args = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        int i = 0;
        boolean firstGroup = true;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '(') {
                int end = groupEnd(s, i);
                if (firstGroup) {
                    args = splitArgs(s.substring(i + 1, end));
                    firstGroup = false;
                }
                words.append(' ');
                i = end + 1;
            } else {
                words.append(c);
                i++;
            }
        }
        boolean unsigned = false;
        List<String> kept = new ArrayList<>();
        for (String w : words.toString().trim().toUpperCase(Locale.ROOT).split("\\s+")) {
            if (w.equals("UNSIGNED")) {
                unsigned = true;
            } else if (!IGNORED.contains(w) && !w.isEmpty()) {
                kept.add(w);
            }
        }
        return new NativeTypeName(String.join(" ", kept), List.copyOf(args), unsigned, array);
    }

    /** The integer argument at {@code index} (leading digits only: {@code "20 BYTE"} is 20), or {@code otherwise}. */
    int intArg(int index, int otherwise) {
        if (index >= args.size()) {
            return otherwise;
        }
        String digits = args.get(index).replaceAll("^\\s*([0-9]+).*$", "$1");
        return digits.matches("[0-9]+") ? Integer.parseInt(digits) : otherwise;
    }

    /** Whether the first argument is {@code MAX} (SQL Server) or {@code *} (Oracle). */
    boolean unboundedArg() {
        return !args.isEmpty() && (args.get(0).equalsIgnoreCase("max") || args.get(0).equals("*"));
    }

    private static int groupEnd(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses in native type '" + s + "'");
    }

    private static List<String> splitArgs(String inner) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < inner.length()) {
                    cur.append(inner.charAt(++i));
                } else if (c == '\'' && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                    cur.append('\'');
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(wasQuoted ? cur.toString() : cur.toString().trim());
                cur.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted) {
                cur.append(c);
            }
        }
        if (cur.length() > 0 || wasQuoted || !out.isEmpty()) {
            out.add(wasQuoted ? cur.toString() : cur.toString().trim());
        }
        return out;
    }
}
