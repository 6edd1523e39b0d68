package io.idaas.views.consistency;

import java.util.regex.Pattern;

/**
 * A source position a client has observed, as {@code <source>@<sortable>}: the name the view app declares the source
 * under, and the position in DDML's sortable form (ddml-converter SPEC.md §3.2 and §3.4), e.g.
 * {@code shop@0000000001:00000000000000002049/2/0000000000}. Tokens of one source compare as their sortable text, so
 * a client that keeps the largest token it has seen per source and reads with it gets causal consistency.
 */
public record ConsistencyToken(String source, String position) implements Comparable<ConsistencyToken> {

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern POSITION = Pattern.compile("[0-9a-f:]{1,80}/[0-2]/[0-9]{10}");

    public ConsistencyToken {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("the token's source '" + source + "' is not a source name; use 1 to 100 "
                    + "letters, digits, '_', '.' or '-' as the view app's sources declare it");
        }
        if (position == null || !POSITION.matcher(position).matches()) {
            throw new IllegalArgumentException("the token's position '" + position + "' is not a DDML sortable position "
                    + "(source_part/phase/index, SPEC.md §3.2); take tokens from GET /token or ConsistencyTokens.current");
        }
    }

    /** Reads {@code <source>@<sortable>}, as {@link #toString()} writes it. */
    public static ConsistencyToken parse(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a consistency token; a token reads "
                    + "<source>@<position>, as GET /token?source=<name> returns it");
        }
        return new ConsistencyToken(text.substring(0, at), text.substring(at + 1));
    }

    /** The source part of the position (before the first {@code /}). */
    public String sourcePart() {
        return position.substring(0, position.indexOf('/'));
    }

    /** The larger of the two (they must be of the same source): what a client keeps for causal consistency. */
    public ConsistencyToken max(ConsistencyToken other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /**
     * Orders tokens of one source by position.
     *
     * @throws IllegalArgumentException for tokens of different sources: their positions are not comparable
     */
    @Override
    public int compareTo(ConsistencyToken other) {
        if (!source.equals(other.source)) {
            throw new IllegalArgumentException("tokens of sources '" + source + "' and '" + other.source
                    + "' do not compare; keep the largest token per source");
        }
        return position.compareTo(other.position);
    }

    @Override
    public String toString() {
        return source + "@" + position;
    }
}
