package io.idaas.e2e.configs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose stack's monitoring as files: the Connect worker runs the JMX exporter's agent on the port Prometheus
 * scrapes, with the shared rules file; prometheus.yml scrapes only services and ports of the compose file; the Grafana
 * dashboard is JSON whose every query names only metrics of the list in docker-compose/README.md ("Metric names"), and
 * every name of that list is queried, so the list is the one place to check against a live scrape.
 */
class ComposeMonitoringTest {

    private static final Path DASHBOARD = ComposeFile.DIR.resolve("grafana/dashboards/idaas.json");
    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");

    @Test
    void theConnectWorkerRunsTheJmxExporterAgentWithTheSharedRules() {
        ComposeFile compose = ComposeFile.read();
        String opts = compose.environment("connect").get("KAFKA_OPTS");
        Matcher agent = Pattern.compile("-javaagent:(\\S+)=(\\d+):(\\S+)").matcher(opts);
        assertThat(agent.find()).as("a -javaagent:JAR=PORT:RULES in KAFKA_OPTS: " + opts).isTrue();
        Path jar = Path.of(agent.group(1));
        assertThat(compose.mountAt("connect", jar.getParent().toString()).hostPath().resolve(jar.getFileName().toString())).isRegularFile();
        int port = Integer.parseInt(agent.group(2));
        assertThat(compose.ports("connect")).contains(new ComposeFile.Port(port, port));
        assertThat(compose.mountAt("connect", agent.group(3)).hostPath()).isEqualTo(ComposeFile.DIR.resolve("jmx-exporter.yml").normalize());
        JsonNode rules = ComposeFile.yaml(Path.of("jmx-exporter.yml"));
        assertThat(rules.path("lowercaseOutputName").asBoolean()).as("the dashboard's names are lower case").isTrue();
    }

    @Test
    void prometheusScrapesServicesAndPortsOfTheComposeFile() {
        ComposeFile compose = ComposeFile.read();
        assertThat(compose.mountAt("prometheus", "/etc/prometheus/prometheus.yml").hostPath())
            .isEqualTo(ComposeFile.DIR.resolve("prometheus/prometheus.yml").normalize());
        JsonNode config = ComposeFile.yaml(Path.of("prometheus", "prometheus.yml"));
        Set<String> jobs = new TreeSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            jobs.add(job.path("job_name").asText());
            for (JsonNode group : job.path("static_configs")) {
                for (JsonNode target : group.path("targets")) {
                    String[] hostPort = target.asText().split(":");
                    assertThat(compose.serviceNames()).as("target " + target.asText() + " is a service").contains(hostPort[0]);
                    int port = Integer.parseInt(hostPort[1]);
                    assertThat(compose.ports(hostPort[0]).stream().map(ComposeFile.Port::container))
                        .as("target " + target.asText() + " is a port its service publishes").contains(port);
                }
            }
        }
        assertThat(jobs).contains("connect", "view-app");
        JsonNode viewApp = null;
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.path("job_name").asText().equals("view-app")) {
                viewApp = job;
            }
        }
        assertThat(viewApp.path("metrics_path").asText()).isEqualTo("/metrics");
    }

    @Test
    void grafanaHasTheDataSourceTheDashboardUses() throws Exception {
        ComposeFile compose = ComposeFile.read();
        Path provisioning = compose.mountAt("grafana", "/etc/grafana/provisioning").hostPath();
        JsonNode datasource = ComposeFile.YAML.readTree(provisioning.resolve("datasources/prometheus.yml").toFile()).path("datasources").get(0);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode provider = ComposeFile.YAML.readTree(provisioning.resolve("dashboards/idaas.yml").toFile()).path("providers").get(0);
        String dashboards = provider.path("options").path("path").asText();
        assertThat(compose.mountAt("grafana", dashboards).hostPath()).isEqualTo(DASHBOARD.getParent().normalize());
        String uid = datasource.path("uid").asText();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as(title + ": panel ids are unique").isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title + ": within Grafana's 24 columns").isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
            }
        }
        String home = compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(Path.of(home).getParent().toString()).as("the home dashboard is in the provisioned folder").isEqualTo(dashboards);
        assertThat(Path.of(home).getFileName().toString()).isEqualTo(DASHBOARD.getFileName().toString());
    }

    @Test
    void everyDashboardQueryNamesDocumentedMetricsAndEveryDocumentedMetricIsQueried() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        Set<String> documented = documentedMetricNames();
        Set<String> used = new TreeSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as(panel.path("title").asText()).isNotBlank();
                Set<String> names = metricNames(expr);
                assertThat(names).as("metrics of " + expr).isNotEmpty();
                assertThat(documented).as("docker-compose/README.md lists the metrics of " + expr).containsAll(names);
                used.addAll(names);
                queries++;
            }
        }
        assertThat(queries).isGreaterThan(20);
        assertThat(used).as("every documented metric is queried by the dashboard").containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void theMetricNameParserFindsNamesInSelectorsAndFunctions() {
        assertThat(metricNames("sum by (connector) (rate(kafka_connect_x_total{connector=\"a\",task=~\"1|2\"}[1m]))"))
            .containsExactly("kafka_connect_x_total");
        assertThat(metricNames("{__name__=~\"debezium_(mysql|postgres)_connector_metrics_connected\", context=\"streaming\"}"))
            .containsExactly("debezium_mysql_connector_metrics_connected", "debezium_postgres_connector_metrics_connected");
        assertThat(metricNames("{__name__=~\"kafka_connect_plugins_.*\"}")).containsExactly("kafka_connect_plugins_*");
        assertThat(metricNames("a_bytes / on (job) group_left b_bytes > 0.5")).containsExactly("a_bytes", "b_bytes");
    }

    /** The names in README.md's block after "## Metric names", one per line, in a fenced block. */
    static Set<String> documentedMetricNames() {
        String readme = ComposeFile.readme();
        int section = readme.indexOf("## Metric names");
        assertThat(section).as("docker-compose/README.md has a section \"## Metric names\"").isNotNegative();
        int start = readme.indexOf("```text\n", section);
        int end = readme.indexOf("```", start + 8);
        assertThat(start).as("a ```text block in \"## Metric names\"").isPositive();
        Set<String> names = new TreeSet<>();
        for (String line : readme.substring(start + 8, end).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                assertThat(name).as("a metric name").matches("[a-z_:][a-z0-9_:]*\\*?");
                assertThat(names.add(name)).as(name + " listed once").isTrue();
            }
        }
        return names;
    }

    /**
     * The metric names a PromQL expression reads: bare names outside selectors, function calls and label lists, and
     * {@code __name__=~"..."} matchers, whose one alternation group is expanded and whose trailing {@code .*} stands for
     * a family written {@code prefix*}.
     */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher byName = Pattern.compile("__name__\\s*=~?\\s*\"([^\"]+)\"").matcher(expr);
        while (byName.find()) {
            names.addAll(expand(byName.group(1)));
        }
        String rest = expr.replaceAll("\\{[^}]*}", " ")                       // selectors' label matchers
            .replaceAll("\\[[^]]*]", " ")                                       // range durations
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
            .replaceAll("\"[^\"]*\"", " ");
        Matcher word = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*").matcher(rest);
        while (word.find()) {
            String w = word.group();
            boolean call = rest.substring(word.end()).stripLeading().startsWith("(");
            if (!call && !PROMQL_WORDS.contains(w.toLowerCase())) {
                names.add(w);
            }
        }
        return names;
    }

    private static List<String> expand(String regex) {
        List<String> out = new ArrayList<>();
        Matcher group = Pattern.compile("\\(([^()]*)\\)").matcher(regex);
        if (group.find()) {
            for (String alternative : group.group(1).split("\\|")) {
                out.addAll(expand(regex.substring(0, group.start()) + alternative + regex.substring(group.end())));
            }
            return out;
        }
        if (regex.endsWith(".*")) {
            out.add(regex.substring(0, regex.length() - 2) + "*");
        } else {
            assertThat(regex).as("a __name__ regex the test can expand: one (a|b) group, or a trailing .*").matches("[a-z0-9_:]+");
            out.add(regex);
        }
        return out;
    }
}
