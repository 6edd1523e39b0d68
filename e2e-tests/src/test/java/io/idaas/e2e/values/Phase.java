package io.idaas.e2e.values;

/** How a value reached the source connector: read by its snapshot, or from the database's log. */
enum Phase {
    SNAPSHOT, LOG
}
