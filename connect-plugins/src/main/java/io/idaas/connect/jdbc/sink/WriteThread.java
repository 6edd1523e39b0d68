package io.idaas.connect.jdbc.sink;

import org.apache.kafka.connect.sink.SinkRecord;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sink task's target writes on a thread of their own, one at a time: the task starts the write of a batch and
 * returns to Connect, which fetches and converts the next records meanwhile; before anything else touches the target
 * (the next write, reading offsets, a dead-letter report), the task {@link #await}s the write in flight and learns
 * what it committed, or that it failed and rolled back. The task and this thread never use the connection at once, and
 * each hand-over (submitting, awaiting) orders their memory.
 */
public final class WriteThread implements AutoCloseable {

    /** One batch's write: applies and commits, returning what it committed. */
    @FunctionalInterface
    public interface Write {
        TransactionWriter.Applied apply() throws SQLException;
    }

    /**
     * What became of a write.
     *
     * @param records the batch
     * @param applied what the write committed (null on failure)
     * @param failure null, or why the write failed (its transaction was rolled back)
     */
    public record Outcome(List<SinkRecord> records, TransactionWriter.Applied applied, Exception failure) {
    }

    private final ExecutorService thread;
    private Future<TransactionWriter.Applied> inFlight;
    private List<SinkRecord> inFlightRecords;

    public WriteThread(String name) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts writing {@code records} (which neither the caller nor {@code write} may change until awaited); the
     * previous write must have been awaited.
     */
    public void start(List<SinkRecord> records, Write write) {
        if (inFlight != null) {
            throw new IllegalStateException("a write is in flight: await it first");
        }
        inFlightRecords = records;
        inFlight = thread.submit(write::apply);
    }

    /** Waits for the write in flight and returns what became of it; null when none is. */
    public Outcome await() {
        if (inFlight == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return new Outcome(inFlightRecords, inFlight.get(), null);
                } catch (InterruptedException e) {
                    interrupted = true; // the write runs on: its outcome decides what the task reports
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    return new Outcome(inFlightRecords, null, (Exception) cause);
                }
            }
        } finally {
            inFlight = null;
            inFlightRecords = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Awaits the write in flight, if any, and ends the thread. */
    @Override
    public void close() {
        try {
            await();
        } finally {
            thread.shutdown();
        }
    }
}
