package io.idaas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {

    @Test
    void tablesEachFigureNextToItsPeerWithTheRatioAndNamesWhatDidNotRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jmh-ddml-pipeline.json"), """
            [{"benchmark": "io.idaas.bench.DdmlPipelineBenchmark.idaasToDdmlJson", "primaryMetric": {"score": 300000.0}},
             {"benchmark": "io.idaas.bench.DdmlPipelineBenchmark.peerExtractNewRecordStateJsonConverter",
              "primaryMetric": {"score": 150000.0}}]""");
        Files.writeString(dir.resolve("sink-benchmark.json"), """
            {"options": {"rate": 1000}, "medians": {"idaas": {"p99Ms": 20.0, "drainChangesPerSecond": 12000.0},
             "debezium": {"p99Ms": 50.0, "drainChangesPerSecond": 8000.0}}}""");
        Files.writeString(dir.resolve("verify-benchmark.json"), """
            {"rows": 1000000, "scan_mariadb_seconds": 0.5, "scan_postgres_seconds": 0.8, "verify_equal_seconds": 1.2}""");
        BenchSummary summary = new BenchSummary(dir);
        summary.read();
        String table = summary.table();

        assertThat(summary.lines()).anySatisfy(l -> {
            assertThat(l.measure()).startsWith("write JSON");
            assertThat(l.idaas()).isEqualTo("300,000");
            assertThat(l.peer()).isEqualTo("150,000");
            assertThat(l.ratio()).isEqualTo("2.00");
        });
        assertThat(summary.lines()).anySatisfy(l -> {
            assertThat(l.measure()).isEqualTo("drain, changes/s");
            assertThat(l.ratio()).isEqualTo("1.50");
        });
        assertThat(summary.lines()).anySatisfy(l -> {
            assertThat(l.measure()).isEqualTo("p99 ms at 1,000/s");
            assertThat(l.ratio()).isEqualTo("0.40");
        });
        assertThat(summary.lines()).anySatisfy(l -> {
            assertThat(l.benchmark()).startsWith("verifier");
            assertThat(l.peer()).isEqualTo("0.80");
            assertThat(l.ratio()).isEqualTo("1.50");
        });
        assertThat(table).contains("| benchmark").contains("mongo-benchmark.json: not found")
            .contains("view-benchmark.json: not found").doesNotContain("jmh-ddml-pipeline.json: not found");
    }
}
