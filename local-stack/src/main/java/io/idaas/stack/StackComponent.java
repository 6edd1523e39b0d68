package io.idaas.stack;

import java.util.List;

/**
 * One part of the local stack: a real server, started by {@link #start()} and stopped by {@link #close()}.
 * Implementations are single-use: start once, close once (close is idempotent and safe after a failed start).
 */
public interface StackComponent extends AutoCloseable {

    Component kind();

    /**
     * Starts the server and returns once it accepts clients.
     *
     * @throws StackStartException naming the part, the problem (port taken, missing library, out of disk, ...)
     *                             and the fix
     */
    void start();

    /** The TCP port clients use; 0 before a start chose it. */
    int port();

    /** The addresses clients use, in the order they are worth printing. Empty until started. */
    List<Endpoint> endpoints();

    /** Stops the server cleanly and releases its resources; never throws. */
    @Override
    void close();
}
