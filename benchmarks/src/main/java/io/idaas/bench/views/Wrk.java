package io.idaas.bench.views;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (https://github.com/wg/wrk, Debian package {@code wrk}) with a Lua script that asks for random existing
 * keys, {@code <path prefix><random id in 1..keys>}, and reads its summary.
 */
final class Wrk {

    /** What wrk measured: requests per second, latency percentiles in milliseconds, failed answers. */
    record Result(String target, double requestsPerSecond, double p50Ms, double p99Ms, long requests, long non2xx, String socketErrors) {
    }

    private static final String SCRIPT = """
            -- random existing keys: args are the path prefix and the largest id
            local prefix, keys
            function init(args)
              prefix = args[1]
              keys = tonumber(args[2])
              math.randomseed(os.time() + math.floor(os.clock() * 1000000))
            end
            function request()
              return wrk.format("GET", prefix .. math.random(1, keys))
            end
            """;

    private final Path script;
    private final int threads;
    private final int connections;
    private final int seconds;

    Wrk(Path dir, int threads, int connections, int seconds) throws IOException {
        this.script = dir.resolve("random-keys.lua");
        Files.createDirectories(dir);
        Files.writeString(script, SCRIPT);
        this.threads = threads;
        this.connections = connections;
        this.seconds = seconds;
    }

    /** Fails with the fix when wrk is not installed. */
    static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed; install it (Debian: apt-get install -y wrk) or put it on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs wrk against {@code http://127.0.0.1:port<pathPrefix><id>} with ids 1 to {@code keys}. */
    Result run(String target, int port, String pathPrefix, long keys) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t", String.valueOf(threads), "-c", String.valueOf(connections), "-d", seconds + "s",
                "--latency", "-s", script.toString(), "http://127.0.0.1:" + port, "--", pathPrefix, String.valueOf(keys));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (" + String.join(" ", command) + "):\n" + out);
        }
        System.out.println(out);
        return new Result(target, number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) number(out, "(\\d+) requests in"), (long) numberOr(out, "Non-2xx or 3xx responses: (\\d+)", 0),
                find(out, "Socket errors: ([^\\n]+)"));
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk's output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no match of " + regex + " in wrk's output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double numberOr(String out, String regex, double otherwise) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }

    private static String find(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? m.group(1).trim() : null;
    }
}
