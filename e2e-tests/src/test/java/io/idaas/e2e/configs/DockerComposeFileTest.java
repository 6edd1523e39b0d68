package io.idaas.e2e.configs;

import com.fasterxml.jackson.databind.JsonNode;
import io.idaas.views.declaration.ViewDeclarations;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file (docker-compose/docker-compose.yml) as a YAML parser reads it: there is no Docker engine here to
 * run it, so this checks what can be checked without one. The services the README names are there, each with an image
 * and a health check, started in order ({@code depends_on} on healthy services, no cycle); every file a service mounts
 * from the repository exists once the build ran (the bundle, the JMX exporter's agent, the view app's jars, the
 * configuration files), and the view app's command names a class of the cli jar it mounts and a declaration file
 * streams-apps reads; MongoDB is a real {@code mongo} 7.x image on 27017 on a network the Connect worker is on too.
 */
class DockerComposeFileTest {

    private static final Set<String> SERVICES = Set.of("kafka", "schema-registry", "connect", "postgres", "mariadb", "mysql",
            "redis", "mongo", "view-app", "prometheus", "grafana");

    @Test
    void everyServiceHasAnImageAndAHealthCheck() {
        ComposeFile compose = ComposeFile.read();
        assertThat(compose.serviceNames()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String name : compose.serviceNames()) {
            JsonNode service = compose.service(name);
            assertThat(service.path("image").asText()).as(name + ".image").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+");
            assertThat(service.path("healthcheck").path("test").isArray()).as(name + ".healthcheck.test").isTrue();
        }
    }

    @Test
    void servicesStartInOrderOnceWhatTheyNeedIsHealthy() {
        ComposeFile compose = ComposeFile.read();
        for (String name : compose.serviceNames()) {
            compose.service(name).path("depends_on").fields().forEachRemaining(dependency -> {
                assertThat(SERVICES).as(name + " depends on a service of the file").contains(dependency.getKey());
                assertThat(dependency.getValue().path("condition").asText()).as(name + " waits for " + dependency.getKey())
                    .isEqualTo("service_healthy");
            });
            assertThat(dependencyPath(compose, name, new ArrayList<>())).as("a dependency cycle from " + name).isEmpty();
        }
        assertThat(compose.service("connect").path("depends_on").has("kafka")).isTrue();
        assertThat(compose.service("schema-registry").path("depends_on").has("kafka")).isTrue();
        assertThat(compose.service("view-app").path("depends_on").has("kafka")).isTrue();
        assertThat(compose.service("grafana").path("depends_on").has("prometheus")).isTrue();
    }

    /** A path back to a service already on {@code path} (a cycle), or empty. */
    private static List<String> dependencyPath(ComposeFile compose, String name, List<String> path) {
        if (path.contains(name)) {
            path.add(name);
            return path;
        }
        path.add(name);
        List<String> dependencies = new ArrayList<>();
        compose.service(name).path("depends_on").fieldNames().forEachRemaining(dependencies::add);
        for (String dependency : dependencies) {
            List<String> cycle = dependencyPath(compose, dependency, new ArrayList<>(path));
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    @Test
    void everyBindMountExistsOnceTheBuildRanAndEveryNamedVolumeIsDeclared() {
        ComposeFile compose = ComposeFile.read();
        for (String name : compose.serviceNames()) {
            for (ComposeFile.Mount mount : compose.mounts(name)) {
                if (mount.bind()) {
                    assertThat(mount.hostPath()).as(name + " mounts " + mount.source() + " (build with ./mvnw -DskipTests package)").exists();
                } else {
                    assertThat(compose.root().path("volumes").has(mount.source())).as("named volume " + mount.source() + " declared").isTrue();
                }
            }
        }
        assertThat(compose.mountAt("connect", "/opt/idaas/jmx").hostPath().resolve("jmx_prometheus_javaagent.jar")).isRegularFile();
        assertThat(compose.mountAt("connect", "/opt/idaas/plugins").hostPath()).isEqualTo(Path.of("..", "connect-plugins", "target", "plugin-path").normalize());
    }

    @Test
    void theViewAppRunsIdaasViewsFromTheMountedJarsOnTheMountedDeclarations() throws Exception {
        ComposeFile compose = ComposeFile.read();
        List<String> command = compose.command("view-app");
        assertThat(command.subList(0, 5)).containsExactly("java", "-cp", "/opt/idaas/lib/*", "io.idaas.cli.Idaas", "views");
        Path lib = compose.mountAt("view-app", "/opt/idaas/lib").hostPath();
        Path cliJar;
        try (Stream<Path> jars = Files.list(lib)) {
            cliJar = jars.filter(j -> j.getFileName().toString().matches("cli-.*\\.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("no cli jar in " + lib));
        }
        try (JarFile jar = new JarFile(cliJar.toFile())) {
            assertThat(jar.getEntry("io/idaas/cli/Idaas.class")).as("the main class in " + cliJar).isNotNull();
            assertThat(jar.getEntry("io/idaas/cli/ViewsCommand.class")).isNotNull();
        }
        String file = option(command, "--file");
        Path declarations = compose.mountAt("view-app", "/opt/idaas/views").hostPath().resolve(Path.of("/opt/idaas/views").relativize(Path.of(file)));
        assertThat(ViewDeclarations.read(declarations)).as("views in " + declarations).isNotEmpty();
        assertThat(option(command, "--bootstrap-server")).isEqualTo(internalBootstrap(compose));
        assertThat(option(command, "--http-host")).as("the address other instances reach it on").isEqualTo("view-app");
        int port = Integer.parseInt(option(command, "--http-port"));
        assertThat(compose.ports("view-app")).contains(new ComposeFile.Port(port, port));
        assertThat(compose.mountAt("view-app", option(command, "--state-dir")).bind()).as("state in a named volume").isFalse();
    }

    /** Kafka's listener for the other containers, from the broker's advertised listeners. */
    static String internalBootstrap(ComposeFile compose) {
        Map<String, String> env = compose.environment("kafka");
        String inter = env.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        for (String listener : env.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            if (listener.startsWith(inter + "://")) {
                return listener.substring(inter.length() + 3);
            }
        }
        throw new AssertionError("kafka advertises no " + inter + " listener");
    }

    private static String option(List<String> command, String name) {
        int i = command.indexOf(name);
        assertThat(i).as(name + " in " + command).isPositive();
        return command.get(i + 1);
    }

    @Test
    void mongoIsARealMongoDb7TheWorkerCanReach() {
        ComposeFile compose = ComposeFile.read();
        JsonNode mongo = compose.service("mongo");
        assertThat(mongo.get("image").asText()).matches("mongo:7(\\.[0-9]+)*");
        assertThat(compose.ports("mongo")).containsExactly(new ComposeFile.Port(27017, 27017));
        assertThat(mongo.get("healthcheck").get("test").toString()).contains("ping");
        assertThat(networks(compose.service("connect"))).containsAnyElementsOf(networks(mongo));
    }

    @Test
    void everyPublishedPortIsInTheReadmesTable() {
        ComposeFile compose = ComposeFile.read();
        List<String> rows = ComposeFile.readme().lines().filter(l -> l.startsWith("| `")).toList();
        for (String name : compose.serviceNames()) {
            for (ComposeFile.Port port : compose.ports(name)) {
                String mapping = "`" + port.host() + ":" + port.container() + "`";
                assertThat(rows).as("README.md's table of ports has a row | `" + name + "` | ... " + mapping)
                    .anyMatch(row -> row.startsWith("| `" + name + "` |") && row.contains(mapping));
            }
        }
    }

    @Test
    void theReadmeTellsHowToReachMongo() {
        assertThat(ComposeFile.readme()).contains("mongodb://mongo:27017").contains("mongo:7.0");
    }

    /** The networks a service is on: compose puts a service without {@code networks} on {@code default}. */
    private static Set<String> networks(JsonNode service) {
        Set<String> out = new HashSet<>();
        JsonNode networks = service.get("networks");
        if (networks == null) {
            out.add("default");
        } else if (networks.isArray()) {
            networks.forEach(n -> out.add(n.asText()));
        } else {
            networks.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }
}
