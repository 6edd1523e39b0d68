package io.idaas.e2e.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file (docker-compose/docker-compose.yml) as a YAML parser reads it: there is no Docker engine here to
 * run it, so this checks what can be checked without one. It parses; every service has an image; the services the
 * README names are there; the MongoDB service is a real {@code mongo} 7.x image on 27017 with a health check, on a
 * network the Connect worker is on too (so connectors reach it as {@code mongodb://mongo:27017}); every named volume a
 * service mounts is declared.
 */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose", "docker-compose.yml");

    private static JsonNode compose() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE));
    }

    @Test
    void everyServiceParsesWithAnImage() throws Exception {
        JsonNode services = compose().get("services");
        assertThat(services).as("services").isNotNull();
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "connect", "postgres", "mariadb", "redis", "mongo");
        for (String name : names) {
            assertThat(services.get(name).path("image").asText()).as(name + ".image").isNotBlank();
        }
    }

    @Test
    void mongoIsARealMongoDb7TheWorkerCanReach() throws Exception {
        JsonNode root = compose();
        JsonNode mongo = root.get("services").get("mongo");
        assertThat(mongo.get("image").asText()).matches("mongo:7(\\.[0-9]+)*");
        assertThat(mongo.get("ports").get(0).asText()).isEqualTo("27017:27017");
        assertThat(mongo.get("healthcheck").get("test").toString()).contains("ping");
        assertThat(networks(root.get("services").get("connect"))).containsAnyElementsOf(networks(mongo));
        for (JsonNode volume : mongo.path("volumes")) {
            String source = volume.asText().split(":")[0];
            if (!source.startsWith(".") && !source.startsWith("/")) {
                assertThat(root.path("volumes").has(source)).as("named volume " + source + " declared").isTrue();
            }
        }
    }

    @Test
    void theReadmeTellsHowToReachMongo() throws Exception {
        String readme = Files.readString(Path.of("..", "docker-compose", "README.md"));
        assertThat(readme).contains("mongodb://mongo:27017").contains("mongo:7.0");
    }

    /** The networks a service is on: compose puts a service without {@code networks} on {@code default}. */
    private static List<String> networks(JsonNode service) {
        List<String> out = new ArrayList<>();
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
