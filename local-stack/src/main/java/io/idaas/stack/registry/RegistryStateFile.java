package io.idaas.stack.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The embedded registry's state on disk: one JSON file, replaced atomically (written to a temporary file, forced to
 * disk, then renamed over the old one), so a crash leaves either the old state or the new one, never half of one.
 */
final class RegistryStateFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    RegistryStateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The saved state, or an empty one when there is no file yet. */
    RegistryState load() throws IOException {
        return Files.exists(file) ? read(Files.readAllBytes(file)) : new RegistryState();
    }

    void save(RegistryState state) throws IOException {
        write(bytes(state));
    }

    static byte[] bytes(RegistryState state) {
        try {
            return JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the registry's state as JSON", e);
        }
    }

    static RegistryState read(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, RegistryState.class);
    }

    private void write(byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
