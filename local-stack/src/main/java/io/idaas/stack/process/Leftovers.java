package io.idaas.stack.process;

import io.idaas.stack.StackStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Servers left running by an earlier run of the stack on the same data folder. A JVM killed with {@code kill -9} (or
 * by the out-of-memory killer) runs no shutdown hook, and its servers keep running as orphans, holding the folder's
 * data, lock and pid files and its ports; a server killed with it leaves a stale pid file. Before a server starts,
 * {@link #stop} finds the one named by its pid file: an orphan (no live JVM is its parent) is stopped, a server still
 * owned by a running program is refused, and a pid file naming a process that is gone or is another program is removed.
 */
public final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private Leftovers() {
    }

    /**
     * @param component the part, for messages
     * @param pidFile   the server's pid file (the process id on its first line)
     * @param binary    the file name of the server's executable, e.g. {@code postgres}
     * @param name      the server's name for messages, e.g. {@code PostgreSQL}
     * @param signal    the signal that shuts it down cleanly, e.g. {@code TERM}, or {@code INT} (PostgreSQL's fast shutdown)
     * @return whether a leftover server was stopped
     * @throws StackStartException when the server named by the pid file belongs to a live program (this JVM included)
     */
    public static boolean stop(String component, Path pidFile, String binary, String name, String signal) {
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals(binary)).orElse(false));
        if (server.isEmpty()) {
            LOG.info("{}: removing the stale pid file {} (process {} is gone, or is another program)", component, pidFile, pid.get());
            delete(pidFile);
            return false;
        }
        ProcessHandle h = server.get();
        Optional<ProcessHandle> owner = h.parent().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false));
        if (owner.isPresent()) {
            String by = owner.get().pid() == ProcessHandle.current().pid() ? "this program" : "the running process " + owner.get().pid();
            throw new StackStartException(component, "another " + name + " server (process " + h.pid() + ") is using its data folder "
                    + pidFile.getParent() + " (started by " + by + ")",
                    "stop it (kill " + h.pid() + ", or stop the program that started it), or give this one another data folder with --data-dir");
        }
        LOG.warn("{}: a {} server (process {}) that an earlier run left running on this data folder holds it; stopping it",
                component, name, h.pid());
        signal(h, signal);
        try {
            h.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("{}: process {} did not stop within {} s of SIGTERM; killing it", component, h.pid(), GRACE.toSeconds());
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception gone) {
                throw new StackStartException(component, "the " + binary + " server (process " + h.pid()
                        + ") left running by an earlier run does not stop", "kill it (kill -9 " + h.pid() + ") and start again", gone);
            }
        }
        delete(pidFile);
        return true;
    }

    private static void signal(ProcessHandle h, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(h.pid())).redirectErrorStream(true).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1): fall back to the JDK's SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        h.destroy();
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", pidFile, e.toString());
        }
    }
}
