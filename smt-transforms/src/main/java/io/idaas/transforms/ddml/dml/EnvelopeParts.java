package io.idaas.transforms.ddml.dml;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.Position;
import io.idaas.ddml.Source;
import io.idaas.ddml.Timing;
import io.idaas.ddml.Transaction;
import io.idaas.ddml.TransactionIds;
import io.idaas.transforms.ddml.MappingContext;
import io.idaas.transforms.ddml.debezium.DebeziumChange;
import io.idaas.transforms.ddml.debezium.SourceBlock;
import io.idaas.transforms.ddml.position.Positions;
import io.idaas.transforms.ddml.position.SourcePosition;
import org.apache.kafka.connect.data.Struct;

/** The parts of a DDML event every source fills the same way: source, position, transaction, time. */
public final class EnvelopeParts {

    private EnvelopeParts() {
    }

    /** An event builder with source, position, transaction and time of a change event set. */
    public static DdmlEvent.Builder builder(DebeziumChange change, MappingContext ctx) {
        SourceBlock s = change.source();
        boolean read = change.isRead();
        return DdmlEvent.builder()
            .source(source(s, s.table()))
            .position(position(s, read, ctx, change.transaction()))
            .transaction(read ? null : transaction(s, change.transaction()))
            .time(Timing.of(s.commitMicros(), change.captureUs(), ctx.nowMicros()));
    }

    /** The DDML source of a block, for {@code table}. */
    public static Source source(SourceBlock s, String table) {
        return Source.of(s.system(), s.name(), s.database(), s.schema(), table);
    }

    /**
     * The position of an event, its index assigned by the context's counters when the source gives
     * none. A snapshot's schema changes and reads share its position, so they share one count (a new
     * snapshot has a new position and counts from 0).
     */
    public static Position position(SourceBlock s, boolean snapshot, MappingContext ctx) {
        return position(s, snapshot, ctx, null);
    }

    /**
     * The position of an event. For a MySQL or MariaDB change, every event of a transaction carries the binlog
     * position of the transaction's start, and {@code row} counts only within one statement's rows event, so the
     * index is the event's order in its transaction (Debezium's {@code total_order}, with
     * {@code provide.transaction.metadata=true}), else the order of emission at that position (SPEC.md §3.2).
     */
    public static Position position(SourceBlock s, boolean snapshot, MappingContext ctx, Struct tx) {
        SourcePosition p = Positions.of(s, snapshot);
        boolean binlog = s.system() == io.idaas.ddml.SourceSystem.MYSQL || s.system() == io.idaas.ddml.SourceSystem.MARIADB;
        if (binlog && !snapshot) {
            Transaction t = transaction(s, tx);
            long index = t != null ? t.order() - 1 : ctx.indexes().next(s.name(), p.phase(), p.sourcePart());
            return p.toPosition(index);
        }
        long index = p.index() != null ? p.index() : ctx.indexes().next(s.name(), p.phase(), p.sourcePart());
        return p.toPosition(index);
    }

    /**
     * Debezium's transaction block ({@code id}, {@code total_order}, {@code data_collection_order}) as DDML's, the id
     * turned into DDML's by {@link TransactionIds} (a PostgreSQL {@code txid:lsn} becomes its txid).
     */
    public static Transaction transaction(SourceBlock s, Struct tx) {
        if (tx == null || tx.get("id") == null) {
            return null;
        }
        long order = ((Number) tx.get("total_order")).longValue();
        Object tableOrder = tx.schema().field("data_collection_order") == null ? null : tx.get("data_collection_order");
        String id = TransactionIds.fromDebezium(s.system().wireName(), tx.get("id").toString());
        return new Transaction(id, order, tableOrder == null ? null : ((Number) tableOrder).longValue(), null);
    }
}
