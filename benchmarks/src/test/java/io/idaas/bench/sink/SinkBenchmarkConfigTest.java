package io.idaas.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fairness the sink benchmark claims, checked on the connector configs it posts, and its medians. (The benchmark
 * itself needs the whole local stack and minutes; it is run by hand, see README.md.)
 */
class SinkBenchmarkConfigTest {

    @Test
    void bothSinksReadTheSameTopicTheSameWayWithTheSameBatch() {
        JsonNode idaas = Sink.IDAAS.connector("a", "bench.db.t", "jdbc:postgresql://h:1/bench_idaas", "u", "p", 777, "k:9092").get("config");
        JsonNode debezium = Sink.DEBEZIUM.connector("b", "bench.db.t", "jdbc:postgresql://h:1/bench_debezium", "u", "p", 777, "k:9092").get("config");
        // idaas also reads the source's transaction topic, for the END markers of source transactions.
        assertThat(idaas.path("topics").asText()).isEqualTo("bench.db.t,bench.transaction");
        assertThat(debezium.path("topics").asText()).isEqualTo("bench.db.t");
        for (String key : List.of("tasks.max", "key.converter.schemas.enable", "value.converter.schemas.enable",
                "consumer.override.max.poll.records", "batch.size")) {
            assertThat(idaas.path(key).asText()).as(key).isNotEmpty().isEqualTo(debezium.path(key).asText());
        }
        // the same bytes read into the same Structs: Debezium's sink with Kafka's JsonConverter, idaas's with the
        // converter its docs give (JsonConverter's result, SchemaCachingJsonConverterTest), headers as strings
        assertThat(debezium.path("value.converter").asText()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(debezium.path("key.converter").asText()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(idaas.path("value.converter").asText()).isEqualTo("io.idaas.ddml.connect.SchemaCachingJsonConverter");
        assertThat(idaas.path("key.converter").asText()).isEqualTo("io.idaas.ddml.connect.SchemaCachingJsonConverter");
        assertThat(idaas.path("header.converter").asText()).isEqualTo("org.apache.kafka.connect.storage.StringConverter");
        assertThat(idaas.path("batch.size").asText()).isEqualTo("777");
        assertThat(idaas.path("tasks.max").asText()).isEqualTo("1");
        assertThat(idaas.path("transforms.ddml.type").asText()).isEqualTo("io.idaas.transforms.ddml.ToDdml");
        assertThat(debezium.path("insert.mode").asText()).isEqualTo("upsert");
        assertThat(debezium.path("primary.key.mode").asText()).isEqualTo("record_key");
        assertThat(debezium.has("transforms")).isFalse();
    }

    @Test
    void theDdmlSinkIsTheShippedConfigReadingItsOwnSourcesTopics() {
        JsonNode ddml = Sink.IDAAS_DDML.connector("c", "benchddml.db.t", "jdbc:postgresql://h:1/bench_ddml", "u", "p", 777, "k:9092")
                .get("config");
        assertThat(ddml.path("topics").asText()).isEqualTo("benchddml.db.t,benchddml.transaction");
        assertThat(ddml.has("topics.regex")).isFalse();
        assertThat(ddml.path("value.converter").asText()).isEqualTo("io.idaas.ddml.connect.DdmlConverter");
        assertThat(ddml.path("connection.url").asText()).isEqualTo("jdbc:postgresql://h:1/bench_ddml");
        assertThat(ddml.path("batch.size").asText()).isEqualTo("777");
        assertThat(ddml.path("consumer.override.max.poll.records").asText()).isEqualTo("777");
        assertThat(ddml.path("applied.kafka.bootstrap.servers").asText()).isEqualTo("k:9092");
        assertThat(Sink.IDAAS_DDML.topicPrefix()).isEqualTo("benchddml");
    }

    @Test
    void mediansAndRatios() {
        SinkBenchmark.Results results = new SinkBenchmark.Results();
        results.drain.add(new SinkBenchmark.DrainRun("idaas", 1, 10, 300, 1, 1));
        results.drain.add(new SinkBenchmark.DrainRun("idaas", 2, 10, 100, 1, 1));
        results.drain.add(new SinkBenchmark.DrainRun("idaas", 3, 10, 200, 1, 1));
        results.drain.add(new SinkBenchmark.DrainRun("debezium", 1, 10, 50, 1, 1));
        results.drain.add(new SinkBenchmark.DrainRun("debezium", 2, 10, 150, 1, 1));
        Map<String, Map<String, Double>> medians = results.medians();
        assertThat(medians.get("idaas")).containsEntry("drainChangesPerSecond", 200.0);
        assertThat(medians.get("debezium")).containsEntry("drainChangesPerSecond", 100.0);
    }

    @Test
    void anUnknownSinkIsRefusedNamingTheChoices() {
        CommandLine cli = new CommandLine(new SinkBenchmark());
        SinkBenchmark benchmark = cli.getCommand();
        cli.parseArgs("--sinks", "idaas,jdbc-peer");
        assertThatThrownBy(benchmark::call).hasMessageContaining("unknown sink 'jdbc-peer'; choose from idaas, debezium, ddml");
    }
}
