package io.idaas.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The component archive as built ({@code target/plugin-path}, the unpacked zip): its manifest.json describes what it
 * holds, and names the licence of every jar it bundles ({@code bundled-licences.properties}: jar-name prefix to
 * licence). Runs in the {@code verify} phase (execution {@code archive-test}), after {@code package} built the archive.
 */
class ComponentArchiveTest {

    private static Path archive;
    private static JsonNode manifest;
    private static List<String> jars;

    @BeforeAll
    static void readTheBuiltArchive() throws IOException {
        Path pluginPath = Path.of("target", "plugin-path");
        if (!Files.isDirectory(pluginPath)) {
            fail("no built archive in " + pluginPath.toAbsolutePath() + ": this test runs after `package` (mvn verify)");
        }
        try (Stream<Path> dirs = Files.list(pluginPath)) {
            List<Path> found = dirs.filter(Files::isDirectory).toList();
            assertThat(found).as("one component folder in " + pluginPath).hasSize(1);
            archive = found.get(0);
        }
        manifest = new ObjectMapper().readTree(archive.resolve("manifest.json").toFile());
        try (Stream<Path> lib = Files.list(archive.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).isNotEmpty();
    }

    @Test
    void etcHoldsTheConnectConfigsAndTheReadyPipelineFilesWithTheirSchema() {
        assertThat(archive.resolve("etc").resolve("mariadb-ddml-source.json")).isRegularFile();
        Path pipelines = archive.resolve("etc").resolve("pipelines");
        assertThat(pipelines.resolve("pipeline.schema.json")).isRegularFile();
        assertThat(pipelines.resolve("mysql-to-mysql.yaml")).isRegularFile();
        assertThat(pipelines.resolve("mariadb-to-postgres-with-views.yaml")).isRegularFile();
        assertThat(pipelines.resolve("README.md")).isRegularFile();
    }

    @Test
    void theManifestHasTheHubsFieldsFilledByTheBuild() {
        String version = manifest.path("version").asText();
        assertThat(archive.getFileName().toString()).isEqualTo("idaas-" + manifest.path("name").asText() + "-" + version);
        assertThat(version).doesNotContain("${");
        assertThat(manifest.path("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(manifest.path("source_url").asText()).startsWith("https://");
        JsonNode support = manifest.path("support");
        assertThat(support.path("provider_name").asText()).isNotBlank();
        assertThat(support.path("summary").asText()).isNotBlank();
        assertThat(support.path("url").asText()).startsWith("https://");
        for (JsonNode logo : List.of(manifest.path("logo"), support.path("logo"), manifest.path("owner").path("logo"))) {
            assertThat(logo.asText()).startsWith("assets/");
            assertThat(archive.resolve(logo.asText())).as("the logo the manifest names").isRegularFile();
        }
        assertThat(manifest.path("requirements").toString()).doesNotContain("${");
    }

    @Test
    void everyBundledJarsLicenceIsListedAndEveryListedLicenceIsBundled() throws IOException {
        Map<String, List<String>> byPrefix = licences();
        Set<String> listed = new LinkedHashSet<>();
        manifest.path("license").forEach(l -> {
            assertThat(l.path("url").asText()).as("url of licence " + l).startsWith("https://");
            listed.add(l.path("name").asText());
        });
        List<String> unknown = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (String jar : jars) {
            String prefix = byPrefix.keySet().stream().filter(jar::startsWith).max(Comparator.comparingInt(String::length)).orElse(null);
            if (prefix == null) {
                unknown.add(jar);
                continue;
            }
            for (String licence : byPrefix.get(prefix)) {
                assertThat(listed).as("the licence of " + jar + " (bundled-licences.properties: " + prefix + ") in manifest.json's license list")
                        .contains(licence);
                used.add(licence);
            }
        }
        if (!unknown.isEmpty()) {
            fail("the archive bundles jars of no known licence: " + unknown + "; find each one's licence (its POM's <licenses> in "
                    + "~/.m2, or META-INF/LICENSE in the jar), add `<jar name prefix>=<licence>` to connect-plugins/src/test/resources/"
                    + "bundled-licences.properties, and the licence to manifest.json's license list if it is new");
        }
        assertThat(listed).as("licences manifest.json lists that no bundled jar has (remove them)").containsExactlyInAnyOrderElementsOf(used);
        // The worker's own classes are never shipped.
        assertThat(jars).noneMatch(j -> j.startsWith("kafka-clients") || j.startsWith("connect-api") || j.startsWith("slf4j-")
                || j.startsWith("jackson-"));
    }

    @Test
    void tagsAndDescriptionNameWhatIsInside() {
        String description = manifest.path("description").asText();
        List<String> tags = new ArrayList<>();
        manifest.path("tags").forEach(t -> tags.add(t.asText()));
        Map<String, String> connectors = new LinkedHashMap<>();
        connectors.put("debezium-connector-postgres-", "PostgreSQL");
        connectors.put("debezium-connector-mariadb-", "MariaDB");
        connectors.put("debezium-connector-mysql-", "MySQL");
        connectors.put("debezium-connector-oracle-", "Oracle");
        connectors.put("jedis-", "Redis");
        connectors.put("mongodb-driver-sync-", "MongoDB");
        connectors.forEach((jar, name) -> {
            boolean inside = jars.stream().anyMatch(j -> j.startsWith(jar));
            if (inside) {
                assertThat(description).as("the description names " + name + ", which the archive holds").contains(name);
                assertThat(tags).as("a tag for " + name).contains(name.toLowerCase(java.util.Locale.ROOT));
            } else {
                assertThat(tags).as("no tag for " + name + ", which the archive does not hold").doesNotContain(name.toLowerCase(java.util.Locale.ROOT));
            }
        });
        assertThat(description).contains("DdmlConverter", "JDBC");
        assertThat(tags).contains("debezium", "ddml", "cdc");
    }

    /** bundled-licences.properties: jar-name prefix to its licence names. */
    private static Map<String, List<String>> licences() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ComponentArchiveTest.class.getResourceAsStream("/bundled-licences.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, Stream.of(p.getProperty(k).split("\\|")).map(String::strip).toList()));
        return map;
    }
}
