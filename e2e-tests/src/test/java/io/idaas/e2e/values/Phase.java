package io.idaas.e2e.values;

/**
 * How a value reached the source connector: read by its snapshot, inserted and read from the database's log, or written
 * by an update of a row that was already in the target (inserted with every column at its default), read from the log.
 */
enum Phase {
    SNAPSHOT, LOG, UPDATE
}
