package io.idaas.stack.process;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Server binaries that Maven artifacts ship inside jars, extracted once into a cache folder
 * ({@code ${java.io.tmpdir}/idaas-<user>/binaries}, or the {@code idaas.binaries.dir} system property) that every
 * user of the machine may read, so that a server dropped to an unprivileged user can still run them.
 */
public final class Binaries {

    private static final Set<PosixFilePermission> READ_AND_EXECUTE = PosixFilePermissions.fromString("rwxr-xr-x");

    private Binaries() {
    }

    public static Path cacheDir() {
        String configured = System.getProperty("idaas.binaries.dir");
        Path dir = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "idaas-" + System.getProperty("user.name"), "binaries");
        try {
            createReadableDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the binaries cache " + dir + "; set -Didaas.binaries.dir to a writable folder", e);
        }
        return dir;
    }

    /**
     * Extracts, once, every jar entry under {@code prefix} (a folder inside the jar that holds it on the classpath)
     * into {@code cacheDir()/name}, and returns that folder. Files keep their paths relative to {@code prefix};
     * every file is made executable, since jars carry no file modes.
     */
    public static Path extractJarFolder(String name, String prefix) {
        return extractOnce(name, target -> {
            URL url = resource(prefix);
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String folder = prefix.endsWith("/") ? prefix : prefix + "/";
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(folder) || entry.isDirectory()) {
                        continue;
                    }
                    Path out = safeResolve(target, entry.getName().substring(folder.length()));
                    createReadableDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(out, READ_AND_EXECUTE);
                }
            }
        });
    }

    /** Extracts, once, the {@code .txz} (tar + xz) classpath resource into {@code cacheDir()/name}, keeping modes and links. */
    public static Path extractTxzResource(String name, String resource) {
        return extractOnce(name, target -> {
            try (InputStream raw = resource(resource).openStream();
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = safeResolve(target, entry.getName());
                    if (entry.isDirectory()) {
                        createReadableDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        createReadableDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        createReadableDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, modeOf(entry.getMode() | 0444));
                    }
                }
            }
        });
    }

    /** Extracts one classpath resource to {@code cacheDir()/name/fileName}, executable, once. */
    public static Path extractExecutable(String name, String resource, String fileName) {
        Path dir = extractOnce(name, target -> {
            try (InputStream in = resource(resource).openStream()) {
                Path out = target.resolve(fileName);
                Files.copy(in, out);
                Files.setPosixFilePermissions(out, READ_AND_EXECUTE);
            }
        });
        return dir.resolve(fileName);
    }

    @FunctionalInterface
    private interface Extraction {
        void into(Path target) throws IOException;
    }

    private static Path extractOnce(String name, Extraction extraction) {
        Path cache = cacheDir();
        Path target = cache.resolve(name);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = cache.resolve(name + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(staging);
            createReadableDirectories(staging);
            extraction.into(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteRecursively(staging); // another JVM extracted the same binaries first
            }
            return target;
        } catch (IOException e) {
            try {
                deleteRecursively(staging);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException("cannot extract " + name + " into " + cache + ": " + e.getMessage()
                    + " (is the disk full? set -Didaas.binaries.dir to another folder)", e);
        }
    }

    private static URL resource(String resource) {
        URL url = Binaries.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the classpath has no " + resource
                    + ": the Maven artifact that ships these binaries is missing; rebuild with ./mvnw -DskipTests install");
        }
        return url;
    }

    private static Path safeResolve(Path root, String entryName) throws IOException {
        Path out = root.resolve(entryName).normalize();
        if (!out.startsWith(root)) {
            throw new IOException("archive entry escapes its folder: " + entryName);
        }
        return out;
    }

    private static void createReadableDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createReadableDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, READ_AND_EXECUTE);
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        }
    }

    private static Set<PosixFilePermission> modeOf(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
