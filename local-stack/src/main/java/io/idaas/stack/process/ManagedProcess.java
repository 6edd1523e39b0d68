package io.idaas.stack.process;

import io.idaas.stack.StackStartException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process of the local stack (PostgreSQL, MariaDB, Redis): started with its output in a log file,
 * awaited until it answers, and stopped gently (SIGTERM, then SIGKILL after a grace period) together with
 * its children. A JVM shutdown hook stops every process still running, so Ctrl-C leaves none behind.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Pattern MISSING_LIBRARY = Pattern.compile("error while loading shared libraries: ([^:\\s]+)");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(p -> p.stop(Duration.ofSeconds(10))),
                "idaas-process-reaper"));
    }

    private final String component;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String component, Process process, Path logFile) {
        this.component = component;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile}.
     *
     * @throws StackStartException when the program cannot be run at all
     */
    public static ManagedProcess start(String component, List<String> command, Path workDir, Path logFile, Map<String, String> env) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            ManagedProcess started = new ManagedProcess(component, builder.start(), logFile);
            RUNNING.add(started);
            return started;
        } catch (IOException e) {
            throw new StackStartException(component, "cannot run " + command.get(0) + ": " + e.getMessage(),
                    "check that the file exists and is executable, and that " + workDir + " is writable", e);
        }
    }

    /**
     * Runs a short command (an installer, an initdb) to completion.
     *
     * @throws StackStartException when it fails or outlives {@code timeout}, with the end of its output
     */
    public static void runToCompletion(String component, List<String> command, Path workDir, Path logFile,
                                       Map<String, String> env, Duration timeout) {
        ManagedProcess p = start(component, command, workDir, logFile, env);
        try {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.stop(Duration.ofSeconds(5));
                throw p.failure(command.get(0) + " did not finish within " + timeout.toSeconds() + " s", "see " + logFile);
            }
            if (p.process.exitValue() != 0) {
                throw p.failure(Path.of(command.get(0)).getFileName() + " exited with code " + p.process.exitValue(), "see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.stop(Duration.ofSeconds(5));
            throw new StackStartException(component, "interrupted while running " + command.get(0), "start the stack again");
        } finally {
            RUNNING.remove(p);
        }
    }

    /**
     * Polls {@code ready} every 100 ms until it is true.
     *
     * @throws StackStartException when the process exits first, or {@code timeout} passes
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("the server exited with code " + process.exitValue() + " while starting", "see " + logFile);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException(component, "interrupted while waiting for the server", "start the stack again");
            }
        }
        stop(Duration.ofSeconds(5));
        throw failure("the server did not answer within " + timeout.toSeconds() + " s",
                "see " + logFile + "; on a slow or loaded machine, try again");
    }

    private StackStartException failure(String problem, String fix) {
        String tail = logTail(25);
        Matcher missing = MISSING_LIBRARY.matcher(tail);
        if (missing.find()) {
            String library = missing.group(1);
            return new StackStartException(component, "a shared library is missing: " + library,
                    "install the system package that provides " + library
                            + " (on Debian or Ubuntu, `apt-file search " + library + "` names it; then apt-get install it)");
        }
        if (tail.contains("No space left on device")) {
            return new StackStartException(component, "out of disk (No space left on device)",
                    "free some space, or put the stack's data on another disk with --data-dir");
        }
        if (tail.contains("Address already in use")) {
            return new StackStartException(component, "its port is taken by another process (Address already in use)",
                    "stop that process, or choose another port, or 0 for a free one");
        }
        return new StackStartException(component, problem + (tail.isBlank() ? "" : "; the end of its log:\n" + tail), fix);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the process's log, for error messages. */
    public String logTail(int lines) {
        Deque<String> tail = new ArrayDeque<>();
        try {
            for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        return String.join("\n", tail);
    }

    /** Sends SIGTERM to the process and its children, waits up to {@code grace}, then kills what is left. */
    public void stop(Duration grace) {
        RUNNING.remove(this);
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        process.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the process and its children at once (SIGKILL: no shutdown hook, no clean close), as a crash or an
     * out-of-memory killer would, and waits until they are gone.
     */
    public void kill() {
        RUNNING.remove(this);
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // gone or unkillable; nothing more to do
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
