package io.idaas.transforms.ddml.position;

import io.idaas.ddml.NativeFields;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.SortablePosition.Phase;
import io.idaas.transforms.ddml.debezium.SourceBlock;
import java.math.BigInteger;

/**
 * Reads the position of an event from a Debezium {@code source} block, per SPEC §3: the native
 * fields as the block names them and the fixed-width source part.
 */
public final class Positions {

    private Positions() {
    }

    /**
     * The position of an event.
     *
     * @param source   the source block
     * @param snapshot whether the event belongs to a snapshot (phase 0)
     * @throws IllegalArgumentException when the block lacks what the system's position needs
     */
    public static SourcePosition of(SourceBlock source, boolean snapshot) {
        Phase phase = snapshot ? Phase.SNAPSHOT : Phase.CHANGE;
        NativeFields.Builder n = NativeFields.builder(); // in key order as filled: no map to sort per event
        if (snapshot) {
            n.put("snapshot", "true");
        }
        return switch (source.system()) {
            case MYSQL, MARIADB -> binlog(source, snapshot, phase, n);
            case POSTGRESQL -> postgres(source, snapshot, phase, n);
            case ORACLE -> oracle(source, phase, n);
            case SQLSERVER -> lsnPair(source, phase, n, "commit_lsn", "change_lsn", "event_serial_no", false);
            case DB2 -> lsnPair(source, phase, n, "commit_lsn", "change_lsn", null, true);
            case MONGODB -> mongo(source, phase, n);
        };
    }

    private static SourcePosition binlog(SourceBlock s, boolean snapshot, Phase phase, NativeFields.Builder n) {
        String file = require(s, "file");
        Long pos = s.number("pos");
        if (pos == null) {
            throw new IllegalArgumentException("source.pos is missing");
        }
        n.put("file", file);
        n.put("pos", pos.toString());
        Long row = s.number("row");
        if (!snapshot && row != null) {
            n.put("row", row.toString());
        }
        put(n, "gtid", s.text("gtid"));
        put(n, "server_id", s.text("server_id"));
        return new SourcePosition(SortablePosition.mysql(file, pos), n.build(), phase, snapshot || row == null ? null : row);
    }

    private static SourcePosition postgres(SourceBlock s, boolean snapshot, Phase phase, NativeFields.Builder n) {
        Long lsn = s.number("lsn");
        if (lsn == null) {
            throw new IllegalArgumentException("source.lsn is missing");
        }
        Long commitLsn = snapshot ? null : firstOfSequence(s.text("sequence"));
        n.put("lsn", pgLsnText(lsn));
        if (commitLsn != null) {
            n.put("lsn_commit", pgLsnText(commitLsn));
        }
        put(n, "txId", s.text("txId"));
        put(n, "xmin", s.text("xmin"));
        return new SourcePosition(SortablePosition.postgres(commitLsn != null ? commitLsn : lsn, lsn), n.build(), phase, null);
    }

    /** The first element of Debezium's {@code sequence}, {@code ["lastCommitLsn","lsn"]}, or null. */
    static Long firstOfSequence(String sequence) {
        if (sequence == null) {
            return null;
        }
        String inner = sequence.trim();
        if (!inner.startsWith("[")) {
            return null;
        }
        inner = inner.substring(1, inner.length() - 1);
        int comma = inner.indexOf(',');
        String first = (comma < 0 ? inner : inner.substring(0, comma)).trim().replace("\"", "");
        return io.idaas.ddml.types.CanonicalText.isDigits(first) ? Long.parseLong(first) : null;
    }

    /** PostgreSQL's text form of an LSN: {@code X/Y}, hex digits in upper case. */
    public static String pgLsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    private static SourcePosition oracle(SourceBlock s, Phase phase, NativeFields.Builder n) {
        String scn = require(s, "scn");
        String commitScn = s.text("commit_scn");
        n.put("scn", scn);
        put(n, "commit_scn", commitScn);
        put(n, "rs_id", s.text("rs_id"));
        put(n, "ssn", s.text("ssn"));
        BigInteger change = new BigInteger(scn.trim());
        BigInteger commit = commitScn == null || commitScn.isBlank() ? change : new BigInteger(commitScn.trim());
        return new SourcePosition(SortablePosition.oracle(commit, change), n.build(), phase, null);
    }

    private static SourcePosition lsnPair(SourceBlock s, Phase phase, NativeFields.Builder n, String commitField,
                                          String changeField, String serialField, boolean db2) {
        String commit = s.text(commitField);
        String change = s.text(changeField);
        if (commit == null && change == null) {
            throw new IllegalArgumentException("source." + commitField + " and source." + changeField + " are missing");
        }
        commit = commit == null ? change : commit;
        change = change == null ? commit : change;
        n.put(commitField, commit);
        n.put(changeField, change);
        if (serialField != null) {
            put(n, serialField, s.text(serialField));
        }
        String part = db2 ? SortablePosition.db2(commit, change) : SortablePosition.sqlServer(commit, change);
        return new SourcePosition(part, n.build(), phase, null);
    }

    private static SourcePosition mongo(SourceBlock s, Phase phase, NativeFields.Builder n) {
        Long tsMs = s.number("ts_ms");
        if (tsMs == null) {
            throw new IllegalArgumentException("source.ts_ms is missing");
        }
        long seconds = Math.floorDiv(tsMs, 1000L);
        Long ord = s.number("ord");
        long ordinal = ord == null ? 0 : ord;
        n.put("ts_sec", Long.toString(seconds));
        n.put("ord", Long.toString(ordinal));
        return new SourcePosition(SortablePosition.mongodb(seconds, ordinal), n.build(), phase, null);
    }

    private static String require(SourceBlock s, String field) {
        String v = s.text(field);
        if (v == null) {
            throw new IllegalArgumentException("source." + field + " is missing");
        }
        return v;
    }

    private static void put(NativeFields.Builder n, String key, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(key, value);
        }
    }
}
