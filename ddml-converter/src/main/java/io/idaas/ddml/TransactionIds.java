package io.idaas.ddml;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule, per source system, that turns the transaction id a Debezium connector writes (in an event's
 * {@code transaction.id} and in its transaction markers) into the DDML {@code transaction.id} (SPEC.md §4): the same
 * for every event of a transaction and for nothing else.
 *
 * <ul>
 *   <li>PostgreSQL: Debezium writes {@code txid:lsn}, the LSN of the record that carries it (each change of a
 *   transaction, its BEGIN and its END marker carry different LSNs: {@code 92692:85471672} on a change,
 *   {@code 92692:85471856} on the END). The DDML id is the txid, {@code 92692}. An id without {@code :lsn} is kept.</li>
 *   <li>Every other system: Debezium's id as it is (MySQL and MariaDB the GTID, or {@code file=<file>,pos=<position>}
 *   of the transaction's start without GTIDs; Oracle the XID; SQL Server and Db2 the commit LSN); it is the same on
 *   every event of the transaction and on its markers already.</li>
 * </ul>
 *
 * <p>A transaction marker does not say which system wrote it (its record has Debezium's common schema
 * {@code io.debezium.connector.common.TransactionMetadataValue}), so a reader of markers takes every DDML id the
 * marker's id can stand for ({@link #ofMarker}) and matches events by their {@link #fromDebezium} id.
 */
public final class TransactionIds {

    private static final Pattern POSTGRES = Pattern.compile("(\\d+):\\d+");

    private TransactionIds() {
    }

    /**
     * The DDML transaction id of an event of {@code system} (a {@code source.system} wire name) whose Debezium
     * transaction id is {@code debeziumId}. Applying it to a DDML id again changes nothing, so a reader may apply it to
     * events written before this rule (whose PostgreSQL ids were {@code txid:lsn}).
     */
    public static String fromDebezium(String system, String debeziumId) {
        if (SourceSystem.POSTGRESQL.wireName().equals(system)) {
            Matcher m = POSTGRES.matcher(debeziumId);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return debeziumId;
    }

    /**
     * The DDML transaction ids a Debezium transaction marker of id {@code debeziumId} may stand for, whatever system
     * wrote it: {@link #fromDebezium} of each system, without repeats (for {@code 92692:85471856}: itself and
     * {@code 92692}; for a MariaDB GTID: the GTID).
     */
    public static Set<String> ofMarker(String debeziumId) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(debeziumId);
        for (SourceSystem s : SourceSystem.values()) {
            ids.add(fromDebezium(s.wireName(), debeziumId));
        }
        return ids;
    }
}
