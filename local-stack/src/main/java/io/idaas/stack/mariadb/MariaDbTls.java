package io.idaas.stack.mariadb;

import io.idaas.stack.StackStartException;
import io.idaas.stack.process.ManagedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The server's TLS certificate: a self-signed one, made once per data folder with the JDK's {@code keytool}.
 * Without a configured certificate MariaDB 11.4 generates a new RSA key on every start, which takes it 2 to 10
 * seconds; with this one it starts in about one. Clients that log in with a password (the {@code mariadb} and
 * {@code mariadb-dump} programs of 11.4) accept it without further options.
 */
final class MariaDbTls {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbTls.class);
    private static final char[] STORE_PASSWORD = "idaas-mariadb".toCharArray();

    private MariaDbTls() {
    }

    /** The server options that use the certificate in {@code dir}, made first if missing; empty when it cannot be made. */
    static List<String> serverOptions(String component, Path dir) {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
            try {
                long begin = System.nanoTime();
                generate(component, dir, cert, key);
                LOG.info("{}: TLS certificate made in {} ({} ms)", component, dir, (System.nanoTime() - begin) / 1_000_000);
            } catch (IOException | GeneralSecurityException | StackStartException e) {
                LOG.warn("{}: cannot make a TLS certificate in {} ({}); the server makes one itself on each start, which is slower",
                        component, dir, e.getMessage());
                return List.of();
            }
        }
        return List.of("--ssl-cert=" + cert, "--ssl-key=" + key);
    }

    private static void generate(String component, Path dir, Path cert, Path key) throws IOException, GeneralSecurityException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("this Java runtime has no " + keytool);
        }
        Files.createDirectories(dir);
        Path store = dir.resolve("keystore.p12");
        Files.deleteIfExists(store);
        ManagedProcess.runToCompletion(component, List.of(keytool.toString(), "-genkeypair",
                        "-alias", "mariadb", "-keyalg", "RSA", "-keysize", "2048", "-validity", "36500",
                        "-dname", "CN=idaas local MariaDB", "-ext", "san=ip:127.0.0.1,dns:localhost",
                        "-storetype", "PKCS12", "-keystore", store.toString(),
                        "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)),
                dir, dir.resolve("keytool.log"), Map.of(), Duration.ofSeconds(60));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        write(key, pem("PRIVATE KEY", keyStore.getKey("mariadb", STORE_PASSWORD).getEncoded()));
        write(cert, pem("CERTIFICATE", keyStore.getCertificate("mariadb").getEncoded()));
        Files.delete(store);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes owner-readable only, then renames, so that a half-written file is never taken for a finished one. */
    private static void write(Path target, String content) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
