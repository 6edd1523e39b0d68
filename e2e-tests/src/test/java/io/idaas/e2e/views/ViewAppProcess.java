package io.idaas.e2e.views;

import io.idaas.stack.connect.ConnectWorkerProcess;
import io.idaas.views.app.ViewApp;
import io.idaas.views.consistency.SourceDeclarations;
import io.idaas.views.declaration.ViewDeclarations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * An instance of the view app in a JVM of its own, so that a test can kill it with SIGKILL (no graceful leave of the
 * group, no commit, an open transaction left to be aborted), as a crashed machine would.
 */
final class ViewAppProcess implements AutoCloseable {

    private final Process process;

    private ViewAppProcess(Process process) {
        this.process = process;
    }

    /** Starts {@link #main} with this JVM's classpath; its output goes to {@code log}. */
    static ViewAppProcess start(Path file, String bootstrapServers, String applicationId, int httpPort, Path stateDir, Path log)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", ConnectWorkerProcess.thisJvmClasspath(),
                ViewAppProcess.class.getName(), file.toString(), bootstrapServers, applicationId, String.valueOf(httpPort),
                stateDir.toString()));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ViewAppProcess(builder.start());
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** {@code <view file> <bootstrap servers> <application id> <http port> <state dir>}; runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args[0]);
        ViewApp.start(ViewDeclarations.read(file), SourceDeclarations.read(file),
                new ViewApp.Settings(args[1], args[2], "127.0.0.1", Integer.parseInt(args[3]), Path.of(args[4]), settings()));
        new CountDownLatch(1).await();
    }

    /** The settings both instances of the failover test use. */
    static Properties settings() {
        Properties extra = new Properties();
        extra.put("auto.offset.reset", "earliest");
        extra.put("commit.interval.ms", "50");
        // A killed instance is noticed after the session timeout; the broker's minimum is 6 s.
        extra.put("session.timeout.ms", "6000");
        extra.put("heartbeat.interval.ms", "1500");
        return extra;
    }
}
