package io.idaas.stack.redis;

import io.idaas.stack.Component;
import io.idaas.stack.Endpoint;
import io.idaas.stack.StackStartException;
import io.idaas.stack.process.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisServerTest {

    @TempDir
    Path tmp;

    @Test
    void answersCommandsAndKeepsDataAcrossRestarts() throws Exception {
        Path data = tmp.resolve("redis");
        int port;
        ProcessHandle server;
        try (RedisServer redis = new RedisServer(data, 0)) {
            assertThat(redis.kind()).isEqualTo(Component.REDIS);
            assertThat(redis.endpoints()).isEmpty();
            redis.start();
            port = redis.port();
            assertThat(port).isPositive();
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(redis.endpoints()).containsExactly(new Endpoint("Redis", redis.uri()));
            try (Client client = new Client(port)) {
                assertThat(client.call("PING")).isEqualTo("+PONG");
                assertThat(client.call("SET", "customer:1", "Ada")).isEqualTo("+OK");
                assertThat(client.call("GET", "customer:1")).isEqualTo("$3");
                assertThat(client.line()).isEqualTo("Ada");
            }
            server = ProcessHandle.of(redis.pid()).orElseThrow();
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(Ports.isFree(port)).as("port %d is free after close", port).isTrue();

        try (RedisServer again = new RedisServer(data, port)) {
            again.start();
            try (Client client = new Client(again.port())) {
                assertThat(client.call("GET", "customer:1")).isEqualTo("$3");
                assertThat(client.line()).isEqualTo("Ada");
            }
        }
    }

    @Test
    void namesATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             RedisServer redis = new RedisServer(tmp.resolve("redis"), taken.getLocalPort())) {
            assertThatThrownBy(redis::start)
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("redis")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                    .hasMessageContaining("--port redis=");
        }
    }

    /** A minimal RESP client over a raw socket. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Sends a command and returns the first line of the reply. */
        String call(String... words) throws IOException {
            StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return line();
        }

        String line() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
