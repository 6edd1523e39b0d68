package io.idaas.stack.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/interop.js}, a client of the Confluent API on Node.js
 * ({@code @kafkajs/confluent-schema-registry} and {@code avsc}), from {@code target/node-interop}, where its
 * {@code npm ci} runs once (again only when {@code package-lock.json} changes). Needs {@code node} (18 or newer) and
 * {@code npm} on the PATH and access to the npm registry for the first {@code npm ci}; fails saying so otherwise.
 */
final class NodeInterop {

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-interop");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "interop.js");
    private static final String INSTALL_HINT = "install Node.js 20 (18 or newer) with npm and put node and npm on the PATH"
            + " (Debian/Ubuntu: apt-get install nodejs npm, or https://nodejs.org/en/download), then run the test again";

    private NodeInterop() {
    }

    /** Copies the Node project to {@code target/node-interop} and installs its pinned packages with {@code npm ci}. */
    static Path prepare() throws IOException, InterruptedException {
        String version = run(List.of("node", "--version"), Path.of("."), 30, "node").trim();
        int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
        if (major < 18) {
            throw new AssertionError("this test needs Node.js 18 or newer, and `node --version` says " + version + ": " + INSTALL_HINT);
        }
        run(List.of("npm", "--version"), Path.of("."), 60, "npm");
        Files.createDirectories(WORK);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path stamp = WORK.resolve("node_modules").resolve(".idaas-installed-lock.json");
        byte[] lock = Files.readAllBytes(WORK.resolve("package-lock.json"));
        if (!Files.exists(stamp) || !Arrays.equals(Files.readAllBytes(stamp), lock)) {
            // No install scripts: none is needed (protobufjs's only prints), and none should run on a build machine.
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), WORK, 300, "npm");
            Files.write(stamp, lock);
        }
        return WORK;
    }

    /** Runs {@code node interop.js ARGS} and returns its standard output. */
    static String interop(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "interop.js"));
        command.addAll(List.of(args));
        return run(command, WORK, 60, "node");
    }

    private static String run(List<String> command, Path dir, int timeoutSeconds, String tool) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("idaas-node-", ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("this test runs a third-party client of the Confluent Schema Registry API on Node.js, but `"
                        + tool + "` cannot be run (" + e.getMessage() + "): " + INSTALL_HINT, e);
            }
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " (in " + dir.toAbsolutePath() + ") failed with exit code "
                        + process.exitValue() + ":\n" + Files.readString(errors) + out
                        + (command.contains("ci") ? "\nnpm ci needs the npm registry (https://registry.npmjs.org) or a warm npm cache" : ""));
            }
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
