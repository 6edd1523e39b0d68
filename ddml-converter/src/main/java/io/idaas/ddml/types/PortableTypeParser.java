package io.idaas.ddml.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text form of a portable type. Grammar (whitespace allowed between tokens, names
 * case-insensitive):
 * <pre>
 * type   := name [ "(" params ")" ]
 * params := int [ "," int ] | quoted { "," quoted } | type
 * quoted := "'" { char | "''" } "'"
 * </pre>
 * {@code time}, {@code timestamp} and {@code timestamptz} without a precision mean precision 6.
 */
final class PortableTypeParser {

    private final String text;
    private int pos;

    private PortableTypeParser(String text) {
        this.text = text;
    }

    static PortableType parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("portable type text is null");
        }
        PortableTypeParser p = new PortableTypeParser(text);
        PortableType type = p.type();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text");
        }
        return type;
    }

    private PortableType type() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        TypeKind kind = TypeKind.of(text.substring(start, pos));
        skipSpace();
        boolean hasParams = peek('(');
        if (hasParams) {
            pos++;
        }
        PortableType type = hasParams ? withParams(kind) : withoutParams(kind);
        if (hasParams) {
            expect(')');
        }
        return type;
    }

    private PortableType withoutParams(TypeKind kind) {
        return switch (kind) {
            case TIME -> PortableType.time(PortableType.MAX_TIME_PRECISION);
            case TIMESTAMP -> PortableType.timestamp(PortableType.MAX_TIME_PRECISION);
            case TIMESTAMPTZ -> PortableType.timestampTz(PortableType.MAX_TIME_PRECISION);
            case ENUM, SET, ARRAY -> throw error(kind.wireName() + " needs parameters");
            default -> new PortableType(kind, null, null, null, List.of(), null, null);
        };
    }

    private PortableType withParams(TypeKind kind) {
        return switch (kind) {
            case DECIMAL -> {
                int p = integer();
                expect(',');
                yield PortableType.decimal(p, integer());
            }
            case STRING -> PortableType.string(integer());
            case BYTES -> PortableType.bytes(integer());
            case TIME -> PortableType.time(integer());
            case TIMESTAMP -> PortableType.timestamp(integer());
            case TIMESTAMPTZ -> PortableType.timestampTz(integer());
            case ENUM -> PortableType.enumOf(quotedList());
            case SET -> PortableType.setOf(quotedList());
            case ARRAY -> PortableType.arrayOf(type());
            case GEOMETRY -> PortableType.geometry(integer());
            default -> throw error(kind.wireName() + " takes no parameters");
        };
    }

    private List<String> quotedList() {
        List<String> values = new ArrayList<>();
        do {
            skipSpace();
            values.add(quoted());
            skipSpace();
        } while (consume(','));
        return values;
    }

    private String quoted() {
        expect('\'');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated quoted value");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (peek('\'')) {
                    pos++;
                    sb.append('\'');
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
    }

    private int integer() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        int value = Integer.parseInt(text.substring(start, pos));
        skipSpace();
        return value;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        skipSpace();
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad portable type '" + text + "' at " + pos + ": " + what);
    }
}
