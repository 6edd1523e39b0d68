package io.idaas.stack.process;

import io.idaas.stack.StackStartException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses to start a server on a disk that cannot hold it, instead of failing half-way through. */
public final class DiskSpace {

    private DiskSpace() {
    }

    public static void require(String component, Path dir, long bytes) {
        try {
            Files.createDirectories(dir);
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < bytes) {
                throw new StackStartException(component,
                        "out of disk: " + dir + " has " + mib(usable) + " MiB free, it needs at least " + mib(bytes) + " MiB",
                        "free some space on that disk, or put the stack's data on another disk with --data-dir");
            }
        } catch (IOException e) {
            throw new StackStartException(component, "cannot create or read its data folder " + dir + ": " + e,
                    "check the folder's permissions, or choose another one with --data-dir", e);
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
