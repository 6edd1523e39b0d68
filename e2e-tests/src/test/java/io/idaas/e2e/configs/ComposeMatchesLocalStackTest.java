package io.idaas.e2e.configs;

import io.idaas.stack.connect.LocalWorkerSettings;
import io.idaas.stack.kafka.LocalBrokerSettings;
import io.idaas.stack.mariadb.LocalMariaDbSettings;
import io.idaas.stack.postgres.LocalPostgresSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack runs what the local stack proves: the tests run on the local stack, so each compose service takes
 * the local stack's settings, key for key and value for value, except the ones listed here with the reason they must
 * differ (hosts, ports and paths of a container network; a throw-away local server's speed settings). A setting added
 * to the local stack fails here until the compose file follows it or it is listed.
 */
class ComposeMatchesLocalStackTest {

    /** Connect worker properties whose compose value must differ from the local stack's, and why. */
    private static final Map<String, String> WORKER_DIFFERENCES = Map.of(
        "bootstrap.servers", "Kafka's internal listener in the compose network (kafka:29092), not the local broker's 127.0.0.1 port",
        "listeners", "the worker listens on every interface of its container (0.0.0.0:8083), not on loopback only",
        "rest.advertised.host.name", "other workers reach it by its service name, connect",
        "rest.advertised.port", "the fixed 8083 the file publishes; the local stack picks a free port",
        "plugin.path", "the bundle's mount point in the container, /opt/idaas/plugins");

    /** The config providers the pipeline commands need (${env:...}, ${file:...}), in both workers. */
    private static final Map<String, String> CONFIG_PROVIDERS = Map.of(
        "config.providers", "env,file",
        "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");

    @Test
    void theConnectWorkerHasTheLocalStacksPropertiesButHostsPortsAndPaths() {
        ComposeFile compose = ComposeFile.read();
        Map<String, String> local = new TreeMap<>(LocalWorkerSettings.properties("127.0.0.1:9092", Path.of("/plugins"), 8083));
        Map<String, String> file = new TreeMap<>(ComposeFile.workerProperties());
        CONFIG_PROVIDERS.forEach((key, value) -> {
            assertThat(file).as("compose worker").containsEntry(key, value);
            assertThat(local).as("local stack worker").containsEntry(key, value);
        });
        assertThat(new TreeSet<>(file.keySet())).as("the compose worker's keys").isEqualTo(new TreeSet<>(local.keySet()));
        local.forEach((key, value) -> {
            if (!WORKER_DIFFERENCES.containsKey(key)) {
                assertThat(file.get(key)).as(key).isEqualTo(value);
            }
        });
        assertThat(WORKER_DIFFERENCES.keySet()).as("every listed difference is a key of the worker").isSubsetOf(local.keySet());
        // What the differing values must be in the compose network.
        assertThat(file.get("bootstrap.servers")).isEqualTo(DockerComposeFileTest.internalBootstrap(compose));
        assertThat(file.get("rest.advertised.host.name")).isEqualTo("connect");
        int restPort = Integer.parseInt(file.get("rest.advertised.port"));
        assertThat(file.get("listeners")).isEqualTo("http://0.0.0.0:" + restPort);
        assertThat(compose.ports("connect")).contains(new ComposeFile.Port(restPort, restPort));
        assertThat(compose.mountAt("connect", file.get("plugin.path")).hostPath())
            .isEqualTo(Path.of("..", "connect-plugins", "target", "plugin-path").normalize());
        assertThat(compose.command("connect")).containsExactly("/opt/kafka/bin/connect-distributed.sh",
            compose.mountAt("connect", "/opt/idaas/connect-distributed.properties").target());
    }

    /** Broker properties whose compose value differs from the local stack's (or that the image sets), and why. */
    private static final Map<String, String> BROKER_DIFFERENCES = Map.of(
        "controller.quorum.voters", "the controller is kafka:9093 in the compose network",
        "listeners", "three listeners (internal for containers, external for the host, controller) instead of loopback ones",
        "advertised.listeners", "kafka:29092 for containers and localhost:9092 for the host",
        "listener.security.protocol.map", "the compose file's listener names (INTERNAL, EXTERNAL, CONTROLLER)",
        "inter.broker.listener.name", "INTERNAL, the compose file's name for the containers' listener",
        "log.dirs", "the image's own log folder in the container");

    @Test
    void theBrokerHasTheLocalStacksSettings() throws Exception {
        Map<String, String> env = ComposeFile.read().environment("kafka");
        Map<String, String> local = LocalBrokerSettings.properties();
        assertThat(local).containsEntry("message.max.bytes", String.valueOf(64 * 1024 * 1024));
        assertThat(BROKER_DIFFERENCES.keySet()).isSubsetOf(local.keySet());
        local.forEach((key, value) -> {
            String variable = "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (!BROKER_DIFFERENCES.containsKey(key)) {
                assertThat(env.get(variable)).as(variable + " (the local broker's " + key + ")").isEqualTo(value);
            }
        });
    }

    /** mariadbd options of the local stack the compose MariaDB does not take, and why. */
    private static final Map<String, String> MARIADB_LOCAL_ONLY = Map.ofEntries(
        Map.entry("--no-defaults", "the image's server reads its own config files"),
        Map.entry("--basedir", "the image's own paths"), Map.entry("--datadir", "the image's own paths"),
        Map.entry("--tmpdir", "the image's own paths"), Map.entry("--socket", "the image's own paths"),
        Map.entry("--pid-file", "the image's own paths"), Map.entry("--user", "the image runs the server as its mysql user"),
        Map.entry("--port", "the image's 3306, published on the host"),
        Map.entry("--bind-address", "the server listens on its container's interfaces, not on loopback only"),
        Map.entry("--innodb-flush-log-at-trx-commit", "speed over durability, for the throw-away local server only"),
        Map.entry("--innodb-buffer-pool-size", "sized for the shared build machines; the image's default is the server's"));

    @Test
    void mariaDbCapturesWithTheLocalStacksBinlogOptions() {
        Map<String, String> local = options(LocalMariaDbSettings.serverCommand().subList(1, LocalMariaDbSettings.serverCommand().size()));
        Map<String, String> compose = options(ComposeFile.read().command("mariadb"));
        assertThat(local).containsEntry("--binlog-format", "ROW").containsEntry("--binlog-row-image", "FULL")
            .containsEntry("--gtid-strict-mode", "ON").containsKey("--log-bin");
        Map<String, String> expected = new LinkedHashMap<>(local);
        expected.keySet().removeAll(MARIADB_LOCAL_ONLY.keySet());
        assertThat(compose).isEqualTo(expected);
    }

    /** MariaDB options the compose MySQL spells differently or does without, and why. */
    private static final Map<String, String> MYSQL_INSTEAD = Map.of(
        "--gtid-strict-mode", "MariaDB's GTIDs; MySQL's are --gtid-mode=ON with --enforce-gtid-consistency=ON",
        "--gtid-domain-id", "MariaDB's GTIDs only",
        "--log-slave-updates", "MySQL 8 logs replicated changes by default (log_replica_updates=ON)",
        "--character-set-collations", "MariaDB's; MySQL takes the collation from --collation-server");

    @Test
    void mySqlCapturesWithTheSameBinlogOptionsAndGtidsOn() {
        Map<String, String> local = options(LocalMariaDbSettings.serverCommand().subList(1, LocalMariaDbSettings.serverCommand().size()));
        Map<String, String> compose = options(ComposeFile.read().command("mysql"));
        Map<String, String> expected = new LinkedHashMap<>(local);
        expected.keySet().removeAll(MARIADB_LOCAL_ONLY.keySet());
        expected.keySet().removeAll(MYSQL_INSTEAD.keySet());
        expected.put("--gtid-mode", "ON");
        expected.put("--enforce-gtid-consistency", "ON");
        assertThat(compose).isEqualTo(expected);
        assertThat(ComposeFile.read().service("mysql").path("image").asText()).matches("mysql:8(\\.[0-9]+)*");
    }

    /** PostgreSQL settings of the local stack the compose PostgreSQL does not take, and why. */
    private static final Map<String, String> POSTGRES_LOCAL_ONLY = Map.of(
        "listen_addresses", "the image listens on its container's interfaces, not on loopback only",
        "unix_socket_directories", "the image keeps its socket (its entrypoint and pg_isready use it)",
        "fsync", "speed over durability, for the throw-away local server only: never on a real server",
        "full_page_writes", "speed over durability, for the throw-away local server only: never on a real server");

    @Test
    void postgresDecodesLogicallyWithTheLocalStacksSettings() throws Exception {
        Map<String, String> local = settings(LocalPostgresSettings.serverCommand());
        Map<String, String> compose = settings(ComposeFile.read().command("postgres"));
        assertThat(local).containsEntry("wal_level", "logical");
        Map<String, String> expected = new LinkedHashMap<>(local);
        expected.keySet().removeAll(POSTGRES_LOCAL_ONLY.keySet());
        assertThat(compose).isEqualTo(expected);
    }

    /**
     * The persistence options of the local stack's Redis ({@code RedisServer.start()} builds its command inline, so they
     * are copied here, not read: change both together).
     */
    private static final List<String> REDIS_PERSISTENCE = List.of("--appendonly", "yes", "--appendfsync", "everysec", "--save", "");

    @Test
    void redisPersistsAsTheLocalStacksRedis() {
        List<String> command = ComposeFile.read().command("redis");
        assertThat(command.get(0)).isEqualTo("redis-server");
        assertThat(command.subList(1, command.size())).isEqualTo(REDIS_PERSISTENCE);
    }

    /** {@code --name=value} options (a bare {@code --name} maps to ""), in order; anything else fails. */
    private static Map<String, String> options(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : args) {
            assertThat(arg).as("an option").startsWith("--");
            String[] kv = arg.split("=", 2);
            out.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return out;
    }

    /** The {@code -c name=value} settings of a postgres command line. */
    private static Map<String, String> settings(List<String> command) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).equals("-c")) {
                String[] kv = command.get(++i).split("=", 2);
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }
}
