package io.idaas.ddml.consistency;

import java.util.regex.Pattern;

/**
 * A source position a client has observed, as {@code <source>@<sortable>} (SPEC.md §3.4): the source's name and the
 * position in DDML's sortable form (SPEC.md §3.2), e.g. {@code shop@0000000001:00000000000000002049/2/0000000000}.
 * Tokens of one source compare as their sortable text, so a client that keeps the largest token it has seen per source
 * and reads with it gets causal consistency.
 *
 * <p>The name: a sink's copy records what it has applied per DDML {@code source.name} (the source connector's
 * {@code topic.prefix}); a view app names its sources as its view file declares them. A token is checked against a copy
 * under the name it carries, unless the reader maps it to another (for Redis: {@code RedisTokenWaiter}'s source map).
 * Declaring a view app's source under its DDML {@code source.name} makes one token good for the views and every copy.
 */
public record ConsistencyToken(String source, String position) implements Comparable<ConsistencyToken> {

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern POSITION = Pattern.compile("[0-9a-f:]{1,80}/[0-2]/[0-9]{10}");
    /** A PostgreSQL source part: transaction-order LSN and change LSN, 16 hex digits each (SPEC.md §3.2). */
    private static final Pattern POSTGRES_PART = Pattern.compile("[0-9a-f]{16}:[0-9a-f]{16}");

    public ConsistencyToken {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("the token's source '" + source + "' is not a source name; use 1 to 100 "
                    + "letters, digits, '_', '.' or '-' (the DDML source.name, or the name the view app declares)");
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
                    + "<source>@<position>, as GET /token?source=<name> and ConsistencyTokens.current give it");
        }
        return new ConsistencyToken(text.substring(0, at), text.substring(at + 1));
    }

    /** The source part of the position (before the first {@code /}). */
    public String sourcePart() {
        return sourcePart(position);
    }

    /** The same position under another source name (a view app's name mapped to a DDML {@code source.name}). */
    public ConsistencyToken withSource(String name) {
        return new ConsistencyToken(name, position);
    }

    /**
     * Whether a consumer that has applied an event at {@code sortable} (of this token's source), and everything before it,
     * has applied everything up to this token (SPEC.md §3.4). Two sound rules, either one suffices:
     * <ul>
     *   <li>the event's source part is at or after the token's (comparing the whole {@code sortable} as text,
     *       {@code sortable >= position}, is the simple form of this rule, and what any language can do);</li>
     *   <li>PostgreSQL (a 33-character source part): the event's change LSN (the second half) is at or after the token's
     *       LSN. The change was written to the log after the token was read, so its transaction commits after every
     *       transaction the token covers; the first half, Debezium's {@code lsn_commit}, is the commit LSN of the
     *       transaction before, so this rule answers one transaction sooner than the text comparison.</li>
     * </ul>
     *
     * @param sortable a DDML {@code position.sortable}, or null (nothing applied: false)
     */
    public boolean isCoveredBy(String sortable) {
        if (sortable == null || sortable.indexOf('/') < 0) {
            return false;
        }
        String event = sourcePart(sortable);
        String wanted = sourcePart();
        if (event.compareTo(wanted) >= 0) {
            return true;
        }
        return POSTGRES_PART.matcher(event).matches() && POSTGRES_PART.matcher(wanted).matches()
                && event.substring(17).compareTo(wanted.substring(17)) >= 0;
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

    static String sourcePart(String sortable) {
        return sortable.substring(0, sortable.indexOf('/'));
    }
}
