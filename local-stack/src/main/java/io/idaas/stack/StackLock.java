package io.idaas.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code <data-dir>/stack.lock}: held (an OS file lock) by the one local stack running on a data folder, and released
 * by the operating system when that process ends, however it ends. So a second stack on the same folder is refused,
 * and a stack finding the lock free knows that any server still running on the folder was left by an earlier one
 * (killed with {@code kill -9}, or out of memory) and may be stopped.
 */
final class StackLock implements AutoCloseable {

    static final String FILE_NAME = "stack.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StackLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws StackStartException when another live process holds the lock of {@code dataDir}
     */
    static StackLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by a stack in this JVM
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new StackStartException("local stack", "another idaas local stack runs on " + dataDir
                        + (holder.isEmpty() ? "" : " (process " + holder + ")"),
                        "stop it (Ctrl-C where it runs" + (holder.isEmpty() ? "" : ", or kill " + holder)
                                + "), or start this one with another --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new StackLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
            throw new StackStartException("local stack", "cannot lock its data folder " + dataDir + ": " + e.getMessage(),
                    "check that the folder is writable, or choose another --data-dir", e);
        }
    }

    /**
     * Deletes everything in {@code dataDir} but the lock file, which the caller holds: the folder stays locked while it
     * is emptied.
     */
    /** The files of {@code logs/} that {@link #emptyFolder} keeps: the log of the {@code idaas up} that cleans. */
    static final String KEPT_LOG_PREFIX = "idaas-up";

    static void emptyFolder(Path dataDir) {
        try (java.util.stream.Stream<Path> children = Files.list(dataDir)) {
            for (Path child : children.filter(c -> !c.getFileName().toString().equals(FILE_NAME)).toList()) {
                if (child.getFileName().toString().equals("logs") && Files.isDirectory(child)) {
                    // `idaas up` writes logs/idaas-up.log while the stack starts (cleans) it: kept, open, the rest emptied.
                    try (java.util.stream.Stream<Path> logs = Files.list(child)) {
                        for (Path log : logs.filter(l -> !l.getFileName().toString().startsWith(KEPT_LOG_PREFIX)).toList()) {
                            io.idaas.stack.process.Binaries.deleteRecursively(log);
                        }
                    }
                    continue;
                }
                io.idaas.stack.process.Binaries.deleteRecursively(child);
            }
        } catch (IOException e) {
            throw new StackStartException("local stack", "cannot empty its data folder " + dataDir + ": " + e.getMessage(),
                    "check that the folder is writable, or delete it yourself", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases it when this process ends
        }
    }
}
