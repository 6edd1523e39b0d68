package io.idaas.ddml.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DdmlConverter against a registry that asks for HTTP Basic credentials, and one behind TLS: a tiny registry (the JDK's
 * HTTP server) that answers a schema registration with id 42, and checks the {@code Authorization} header.
 */
class DdmlConverterRegistrySecurityTest {

    private static final String USER_INFO = "ada:s3cr:et";
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Registers every schema as id 42, for requests with {@code USER_INFO}'s credentials when {@code auth}; else 401. */
    private void handle(HttpExchange exchange, boolean auth) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(header));
            boolean allowed = !auth || ("Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8))).equals(header);
            byte[] body = (allowed ? "{\"id\":42}" : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String startHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", e -> handle(e, true));
        server.start();
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static byte[] write(Map<String, Object> props) {
        DdmlConverter converter = new DdmlConverter();
        Map<String, Object> all = new HashMap<>(props);
        all.put("ddml.format", "avro");
        converter.configure(all, false);
        return converter.fromConnectData("shop.orders", null, DdmlTestEvents.tree(DdmlTestEvents.insert(1)));
    }

    private static int schemaId(byte[] framed) {
        return java.nio.ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    @Test
    void userInfoCredentialsAreSentAsBasicAuthentication() throws Exception {
        String host = startHttp();
        byte[] framed = write(Map.of("schema.registry.url", "http://" + host,
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", USER_INFO));
        assertThat(schemaId(framed)).isEqualTo(42);
        assertThat(authorizations).containsOnly("Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void credentialsInTheUrlAreSentAndTakenOutOfIt() throws Exception {
        String host = startHttp();
        // URL-encoded ':' in the password: decoded before it is sent
        assertThat(schemaId(write(Map.of("schema.registry.url", "http://ada:s3cr%3Aet@" + host)))).isEqualTo(42);
        assertThat(authorizations).hasSize(1).allMatch(a -> a.startsWith("Basic "));
    }

    @Test
    void withoutCredentialsTheRefusalSaysWhatToSet() throws Exception {
        String host = startHttp();
        assertThatThrownBy(() -> write(Map.of("schema.registry.url", "http://" + host)))
                .hasStackTraceContaining("basic.auth.credentials.source=USER_INFO and basic.auth.user.info=<user>:<password>");
        assertThat(authorizations).containsOnly("null");
    }

    @Test
    void badSecuritySettingsAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new DdmlConverterConfig(Map.of("converter.type", "value", "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info").hasMessageContaining("<user>:<password>");
        assertThatThrownBy(() -> new DdmlConverterConfig(Map.of("converter.type", "value", "basic.auth.user.info", "ada")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("give the registry's credentials as <user>:<password>");
        assertThatThrownBy(() -> new DdmlConverterConfig(Map.of("converter.type", "value", "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> new DdmlConverterConfig(Map.of("converter.type", "value",
                "schema.registry.ssl.truststore.location", dir.resolve("missing.jks").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageContaining("no readable file");
        Path notAStore = Files.writeString(dir.resolve("not-a-store.p12"), "hello");
        DdmlConverterConfig config = new DdmlConverterConfig(Map.of("converter.type", "value",
                "schema.registry.ssl.truststore.location", notAStore.toString(), "schema.registry.ssl.truststore.type", "PKCS12"));
        assertThatThrownBy(config::sslContext).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location").hasMessageContaining("PKCS12 store");
        // Connect's validate endpoint reports the missing user info on its key.
        Map<String, ConfigValue> values = new HashMap<>();
        DdmlConverterConfig.CONFIG_DEF.validate(Map.of("converter.type", "value", "basic.auth.credentials.source", "USER_INFO"))
                .forEach(v -> values.put(v.name(), v));
        assertThat(values.get("basic.auth.user.info").errorMessages()).singleElement().asString().contains("value.converter.basic.auth.user.info");
        // Secrets are passwords: never printed.
        assertThat(DdmlConverterConfig.CONFIG_DEF.configKeys().get("basic.auth.user.info").type).isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        assertThat(DdmlConverterConfig.CONFIG_DEF.configKeys().get("schema.registry.ssl.truststore.password").type).isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void anHttpsRegistryIsTrustedThroughTheConfiguredTrustStore(@TempDir Path dir) throws Exception {
        Path serverStore = dir.resolve("registry.p12");
        Path cert = dir.resolve("registry.crt");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", "server-pass", "-keypass", "server-pass");
        keytool("-exportcert", "-alias", "registry", "-keystore", serverStore.toString(), "-storepass", "server-pass",
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", "trust-pass");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, "server-pass".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "server-pass".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        https.createContext("/", e -> handle(e, true));
        https.start();
        server = https;
        String url = "https://127.0.0.1:" + https.getAddress().getPort();

        assertThat(schemaId(write(Map.of("schema.registry.url", url, "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", USER_INFO, "schema.registry.ssl.truststore.location", trustStore.toString(),
                "schema.registry.ssl.truststore.password", "trust-pass", "schema.registry.ssl.truststore.type", "PKCS12"))))
                .isEqualTo(42);
        assertThat(authorizations).hasSize(1);
        // Without the trust store the registry's self-signed certificate is not trusted: nothing reaches it.
        assertThatThrownBy(() -> write(Map.of("schema.registry.url", url, "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", USER_INFO))).hasStackTraceContaining("SSLHandshakeException");
        assertThat(authorizations).hasSize(1);
        // A wrong trust store password is named.
        DdmlConverterConfig wrong = new DdmlConverterConfig(Map.of("converter.type", "value",
                "schema.registry.ssl.truststore.location", trustStore.toString(), "schema.registry.ssl.truststore.password", "nope",
                "schema.registry.ssl.truststore.type", "PKCS12"));
        assertThatThrownBy(wrong::sslContext).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location").hasMessageContaining("schema.registry.ssl.truststore.password");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }
}
