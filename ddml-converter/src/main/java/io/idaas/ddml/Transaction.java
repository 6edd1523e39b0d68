package io.idaas.ddml;

import java.util.Objects;

/**
 * The source transaction an event belongs to.
 *
 * @param id         the transaction id as the source gives it (MySQL/MariaDB GTID, PostgreSQL
 *                   txid, Oracle XID, ...)
 * @param order      1-based position of this event among all events of the transaction
 * @param tableOrder 1-based position among the transaction's events of this table; null when unknown
 * @param total      the number of events in the transaction; null when not known at emit time
 */
public record Transaction(String id, long order, Long tableOrder, Long total) {

    /** Checks the id and the order. */
    public Transaction {
        Objects.requireNonNull(id, "transaction.id");
        if (order < 1 || (total != null && order > total)) {
            throw new IllegalArgumentException("transaction.order must be 1.." + (total == null ? "" : total) + ": " + order);
        }
    }
}
