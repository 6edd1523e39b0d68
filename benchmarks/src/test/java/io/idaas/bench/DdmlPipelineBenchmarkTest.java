package io.idaas.bench;

import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.DmlOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark measures real work: each pipeline turns every event into what it should, without failing. */
class DdmlPipelineBenchmarkTest {

    private final DdmlPipelineBenchmark benchmark = new DdmlPipelineBenchmark();
    private final Blackhole blackhole = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @BeforeEach
    void setUp() throws Exception {
        benchmark.setUp();
    }

    @AfterEach
    void tearDown() throws Exception {
        benchmark.tearDown();
        blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    @Test
    void everyPipelineRunsOverTheWholeWorkload() {
        benchmark.idaasToDdmlJson(blackhole);
        benchmark.idaasToDdmlAvro(blackhole);
        benchmark.peerExtractNewRecordStateJsonConverter(blackhole);
    }

    @Test
    void theDdmlSideWritesValidDdmlForEveryEvent() {
        List<DdmlEvent> events = new ArrayList<>();
        for (var record : DebeziumEvents.mixed(DdmlPipelineBenchmark.EVENTS, 42)) {
            byte[] json = benchmark.ddmlJsonBytes(record);
            events.add(DdmlJson.read(json));
        }
        assertThat(events).hasSize(DdmlPipelineBenchmark.EVENTS);
        assertThat(events).filteredOn(e -> e.dml().op() == DmlOp.DELETE).hasSize(DdmlPipelineBenchmark.EVENTS / 10);
        assertThat(events).filteredOn(e -> e.dml().op() == DmlOp.UPDATE).isNotEmpty()
                .allMatch(e -> e.dml().before() != null && !e.dml().changed().isEmpty());
        DdmlEvent first = events.get(0);
        assertThat(first.schema().columns()).hasSize(10);
        assertThat(first.transaction().id()).isEqualTo("0-1-1");
        assertThat(Map.of("total", first.schema().column("total").orElseThrow().type().toString()))
                .containsEntry("total", "decimal(12,2)");
    }
}
