package io.idaas.bench;

import io.debezium.transforms.ExtractNewRecordState;
import io.idaas.ddml.connect.DdmlConverter;
import io.idaas.stack.registry.EmbeddedSchemaRegistry;
import io.idaas.transforms.ddml.ToDdml;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per change event: idaas's ToDdml + DdmlConverter (JSON, and Avro in the Confluent wire format through the
 * embedded schema registry), next to the usual Debezium pipeline on the same events in the same run, Debezium's
 * ExtractNewRecordState + Kafka's JsonConverter. Each invocation processes {@link #EVENTS} events, so scores are
 * per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DdmlPipelineBenchmark {

    static final int EVENTS = 1000;

    private List<SourceRecord> events;
    private ToDdml<SourceRecord> toDdml;
    private DdmlConverter ddmlJson;
    private DdmlConverter ddmlAvro;
    private ExtractNewRecordState<SourceRecord> unwrap;
    private JsonConverter json;
    private EmbeddedSchemaRegistry registry;
    private Path registryDir;
    /** Each event as the two pipelines write it, for the reading side (a sink's converter). */
    private List<byte[]> ddmlJsonWritten;
    private List<byte[]> peerJsonWritten;
    /** Each Debezium event as Debezium's source writes it with JsonConverter (schemas enabled): what sinks on its topics read. */
    private List<byte[]> debeziumJsonWritten;
    private io.idaas.ddml.connect.SchemaCachingJsonConverter cachingJson;
    private String topic;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        events = DebeziumEvents.mixed(EVENTS, 42);
        toDdml = new ToDdml<>();
        toDdml.configure(Map.of());
        ddmlJson = new DdmlConverter();
        ddmlJson.configure(Map.of("ddml.format", "json"), false);
        registryDir = Files.createTempDirectory("idaas-bench-registry");
        registry = new EmbeddedSchemaRegistry(registryDir, 0);
        registry.start();
        ddmlAvro = new DdmlConverter();
        ddmlAvro.configure(Map.of("ddml.format", "avro", "schema.registry.url", registry.url()), false);
        unwrap = new ExtractNewRecordState<>();
        unwrap.configure(Map.of());
        json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
        topic = events.get(0).topic();
        ddmlJsonWritten = new java.util.ArrayList<>();
        peerJsonWritten = new java.util.ArrayList<>();
        debeziumJsonWritten = new java.util.ArrayList<>();
        cachingJson = new io.idaas.ddml.connect.SchemaCachingJsonConverter();
        cachingJson.configure(Map.of("schemas.enable", "true"), false);
        for (SourceRecord event : events) {
            debeziumJsonWritten.add(json.fromConnectData(event.topic(), event.valueSchema(), event.value()));
            ddmlJsonWritten.add(ddmlJsonBytes(event));
            SourceRecord flat = unwrap.apply(event);
            if (flat != null && flat.value() != null) {
                peerJsonWritten.add(json.fromConnectData(flat.topic(), flat.valueSchema(), flat.value()));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        registry.close();
        io.idaas.stack.process.Binaries.deleteRecursively(registryDir);
    }

    /** One event through the JSON pipeline (for tests). */
    byte[] ddmlJsonBytes(SourceRecord event) {
        SourceRecord ddml = toDdml.apply(event);
        return ddmlJson.fromConnectData(ddml.topic(), ddml.valueSchema(), ddml.value());
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void idaasToDdmlJson(Blackhole sink) {
        for (SourceRecord event : events) {
            SourceRecord ddml = toDdml.apply(event);
            sink.consume(ddmlJson.fromConnectData(ddml.topic(), ddml.valueSchema(), ddml.value()));
        }
    }

    /** The transform alone, to see where the pipeline's time goes. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void idaasToDdmlTransformOnly(Blackhole sink) {
        for (SourceRecord event : events) {
            sink.consume(toDdml.apply(event));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void idaasToDdmlAvro(Blackhole sink) {
        for (SourceRecord event : events) {
            SourceRecord ddml = toDdml.apply(event);
            sink.consume(ddmlAvro.fromConnectData(ddml.topic(), ddml.valueSchema(), ddml.value()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void peerExtractNewRecordStateJsonConverter(Blackhole sink) {
        for (SourceRecord event : events) {
            SourceRecord flat = unwrap.apply(event);
            sink.consume(flat == null ? null : json.fromConnectData(flat.topic(), flat.valueSchema(), flat.value()));
        }
    }

    /**
     * The sink's side: DdmlConverter reading the DDML JSON that {@link #idaasToDdmlJson} writes, into the event the
     * idaas sinks take. Per event written (transaction markers included).
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void idaasReadDdmlJson(Blackhole sink) {
        for (byte[] bytes : ddmlJsonWritten) {
            sink.consume(ddmlJson.toConnectData(topic, bytes).value());
        }
    }

    /**
     * The peer's sink side: JsonConverter (schemas enabled) reading what {@link #peerExtractNewRecordStateJsonConverter}
     * writes, into a Struct. Per flattened event written (the peer writes no transaction markers; scores are per record
     * read, so the two are comparable per record).
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void peerReadJsonConverter(Blackhole sink) {
        for (int i = 0; i < EVENTS; i++) {
            byte[] bytes = peerJsonWritten.get(i % peerJsonWritten.size());
            sink.consume(json.toConnectData(topic, bytes).value());
        }
    }

    /**
     * Reading Debezium's own topics (its envelope written by JsonConverter with schemas, as Debezium's docs configure
     * it): Kafka's JsonConverter, which Debezium's JDBC sink uses, next to idaas's SchemaCachingJsonConverter, which
     * reads each distinct schema part once. Both give the same Struct.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void peerReadDebeziumEnvelopeJsonConverter(Blackhole sink) {
        for (byte[] bytes : debeziumJsonWritten) {
            sink.consume(json.toConnectData(topic, bytes).value());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void idaasReadDebeziumEnvelopeSchemaCaching(Blackhole sink) {
        for (byte[] bytes : debeziumJsonWritten) {
            sink.consume(cachingJson.toConnectData(topic, bytes).value());
        }
    }
}
