package io.idaas.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stack started again on its data folder listens on the same ports (connectors stored in Kafka name them), one stack
 * at a time runs on a folder, and pid files left by killed servers do not block a start. (A whole {@code idaas up}
 * killed with SIGKILL and started again: cli's {@code UpCommandTest}.)
 */
class DataFolderRestartTest {

    @Test
    void aSecondStartOnTheSameFolderKeepsEveryPortAndASecondStackIsRefused(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int registry;
        int redis;
        try (LocalStack first = LocalStack.builder().dataDir(data).only(Component.REGISTRY, Component.REDIS).start()) {
            registry = first.registry().port();
            redis = first.redis().port();
            assertThat(KeptPorts.read(data).get("registry")).contains(registry);
            assertThat(KeptPorts.read(data).get("redis")).contains(redis);
            assertThatThrownBy(() -> LocalStack.builder().dataDir(data).only(Component.REGISTRY).start())
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("another idaas local stack runs on " + data.toAbsolutePath())
                    .hasMessageContaining("process " + ProcessHandle.current().pid());
        }
        // A pid file naming a process that is gone, or another program (pids are reused), must not stop Redis.
        Files.writeString(data.resolve("redis").resolve("redis.pid"), ProcessHandle.current().pid() + "\n");
        try (LocalStack again = LocalStack.builder().dataDir(data).only(Component.REGISTRY, Component.REDIS).start()) {
            assertThat(again.registry().port()).isEqualTo(registry);
            assertThat(again.redis().port()).isEqualTo(redis);
        }
        // An explicit port wins over the kept one, and is kept from then on.
        int other;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            other = s.getLocalPort();
        }
        try (LocalStack moved = LocalStack.builder().dataDir(data).only(Component.REGISTRY).port(Component.REGISTRY, other).start()) {
            assertThat(moved.registry().port()).isEqualTo(other);
        }
        assertThat(KeptPorts.read(data).get("registry")).contains(other);
        assertThat(KeptPorts.read(data).get("redis")).as("a part not started keeps its port").contains(redis);
    }

    @Test
    void aKeptPortTakenByAnotherProgramIsRefusedSayingWhyItIsKept(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int registry;
        try (LocalStack first = LocalStack.builder().dataDir(data).only(Component.REGISTRY).start()) {
            registry = first.registry().port();
        }
        try (ServerSocket taken = new ServerSocket(registry, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalStack.builder().dataDir(data).only(Component.REGISTRY).start())
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("port " + registry + " is taken by another process")
                    .hasMessageContaining("kept in ports.properties")
                    .hasMessageContaining("--port registry=N");
        }
        // The refused start released the folder.
        try (LocalStack again = LocalStack.builder().dataDir(data).only(Component.REGISTRY).start()) {
            assertThat(again.registry().port()).isEqualTo(registry);
        }
    }

    @Test
    void aCleanStartStopsTheServersAKilledRunLeftRunningBeforeItEmptiesTheFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path redisDir = data.resolve("redis");
        String binary;
        int port;
        try (LocalStack first = LocalStack.builder().dataDir(data).only(Component.REDIS).start()) {
            port = first.redis().port();
            long pid = Long.parseLong(Files.readString(redisDir.resolve("redis.pid")).trim());
            binary = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElseThrow();
        }
        // What a JVM killed with SIGKILL leaves: its Redis still running on the folder, no longer a child of any JVM
        // (daemonized, so adopted by init), holding the port and the pid file.
        Process daemon = new ProcessBuilder(List.of(binary, "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--dir", redisDir.toString(), "--pidfile", redisDir.resolve("redis.pid").toString(), "--daemonize", "yes",
                "--save", "")).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        assertThat(daemon.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(redisDir.resolve("redis.pid")));
        long orphanPid = Long.parseLong(Files.readString(redisDir.resolve("redis.pid")).trim());
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();
        Files.writeString(data.resolve("registry-marker"), "from the earlier run");

        // A clean start that does not even start Redis: the orphan is stopped, and the folder emptied under the lock.
        try (LocalStack clean = LocalStack.builder().dataDir(data).only(Component.REGISTRY).clean(true).start()) {
            assertThat(orphan.isAlive()).as("the orphaned Redis on the cleaned folder").isFalse();
            assertThat(redisDir).doesNotExist();
            assertThat(data.resolve("registry-marker")).doesNotExist();
            assertThat(data.resolve(StackLock.FILE_NAME)).exists();
            assertThat(clean.registry().port()).isPositive();
        } finally {
            orphan.destroyForcibly();
        }
    }
}
