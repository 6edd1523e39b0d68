package io.idaas.connect.jdbc.dialect;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a source's declared type text ({@code native_type}) before it goes into a CREATE or ALTER statement: only a
 * strict grammar passes, so no statement can be smuggled through it.
 *
 * <pre>
 * type    = word { " " word } [ "(" arg { "," arg } ")" ] { " " word } { "[]" }
 * word    = letter { letter | digit | "_" }
 * arg     = digits | "'" { any character but "'", "\" and control characters | "''" } "'"
 * </pre>
 * Spaces may surround the parentheses and commas. Nothing else passes: no semicolon, comment, dot, backslash,
 * operator or unbalanced quote.
 */
public final class NativeTypeGuard {

    private NativeTypeGuard() {
    }

    /**
     * The type's base name, in lower case and with single spaces, e.g. {@code character varying} for
     * {@code character varying(16)} or {@code enum} for {@code ENUM('a','b')}; empty when the text breaks the grammar.
     * Words after the arguments (e.g. {@code UNSIGNED}, {@code with time zone}) are part of the base name, and
     * {@code []} suffixes are kept: {@code integer[]}.
     */
    public static Optional<String> baseName(String text) {
        if (text == null || text.isBlank() || text.length() > 4096) {
            return Optional.empty();
        }
        StringBuilder base = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean args = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (Character.isLetter(c) && c < 128) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) < 128 || text.charAt(i) == '_')) {
                    i++;
                }
                if (base.length() > 0 && base.charAt(base.length() - 1) != ' ') {
                    base.append(' ');
                }
                base.append(text, start, i);
            } else if (c == '(' && !args && base.length() > 0) {
                i = arguments(text, i + 1);
                if (i < 0) {
                    return Optional.empty();
                }
                args = true;
            } else if (c == '[' && i + 1 < n && text.charAt(i + 1) == ']' && base.length() > 0) {
                base.append("[]");
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return base.length() == 0 ? Optional.empty() : Optional.of(base.toString().trim().toLowerCase(Locale.ROOT));
    }

    /** Reads arguments after "(" up to the closing ")"; the index after it, or -1. */
    private static int arguments(String text, int i) {
        int n = text.length();
        boolean expectArg = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (expectArg && Character.isDigit(c)) {
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                expectArg = false;
            } else if (expectArg && c == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        return -1;
                    }
                    char q = text.charAt(i);
                    if (q == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\\' || Character.isISOControl(q)) {
                        return -1;
                    }
                    i++;
                }
                expectArg = false;
            } else if (!expectArg && c == ',') {
                expectArg = true;
                i++;
            } else if (!expectArg && c == ')') {
                return i + 1;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** The text when it passes the grammar and its base name (without {@code []}) is one of {@code allowed}. */
    static Optional<String> allowed(String text, Set<String> allowed) {
        return baseName(text).filter(b -> allowed.contains(b.replace("[]", ""))).map(b -> text.trim());
    }
}
