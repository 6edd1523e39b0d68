package io.idaas.cli;

import io.idaas.cli.inspect.DdmlDecoding;
import io.idaas.cli.inspect.RecordDecoder;
import io.idaas.cli.inspect.RecordFormat;
import io.idaas.cli.inspect.RegistryAvroDecoding;
import io.idaas.registry.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code idaas print TOPIC}: the records of a topic, one line each, like ksqlDB's {@code PRINT}. */
@Command(name = "print",
        header = "Prints a topic's records, one line each, like ksqlDB's PRINT.", mixinStandardHelpOptions = true,
        description = {"Prints the records of a topic, one line each with its timestamp, partition, offset, key and value,",
                "like ksqlDB's PRINT. Without --from-beginning it prints records as they arrive, until --limit or Ctrl-C."})
final class PrintCommand implements Callable<Integer> {

    static final DateTimeFormatter ROWTIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS 'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to print.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest record instead of the next one.")
    boolean fromBeginning;

    Long limit;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N records (1 or more).")
    void limit(long n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--limit is " + n + "; give the number of records to print, 1 or more "
                    + "(leave --limit out to print until Ctrl-C)");
        }
        limit = n;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "How to decode values: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RecordFormat format;

    @Option(names = "--key-format", paramLabel = "FORMAT", defaultValue = "auto", description = "How to decode keys (default: ${DEFAULT-VALUE}).")
    RecordFormat keyFormat;

    Integer idleTimeoutSeconds;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "With --from-beginning, stop once no record arrived for this long (1 or more; default: run until --limit or Ctrl-C).")
    void idleTimeout(int seconds) {
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout is " + seconds + "; give the seconds to wait for a "
                    + "record before stopping, 1 or more");
        }
        idleTimeoutSeconds = seconds;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RecordDecoder.AvroDecoding avro = kafka.registryUrl()
                .map(url -> (RecordDecoder.AvroDecoding) new RegistryAvroDecoding(new SchemaRegistryClient(url))).orElse(null);
        String registry = kafka.registryUrl().orElse(null);
        RecordDecoder keys = new RecordDecoder(keyFormat, avro, new DdmlDecoding(topic, true, registry));
        RecordDecoder values = new RecordDecoder(format, avro, new DdmlDecoding(topic, false, registry));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.reachableBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            Header header = new Header(out, keys, values);
            long printed = 0;
            long idleSince = System.nanoTime();
            while (limit == null || printed < limit) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    if (idleTimeoutSeconds != null && System.nanoTime() - idleSince > Duration.ofSeconds(idleTimeoutSeconds).toNanos()) {
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    header.before(r);
                    out.println(line(r, keys, values));
                    if (limit != null && ++printed >= limit) {
                        break;
                    }
                }
                out.flush();
            }
            header.before(null);
            out.flush();
        }
        return 0;
    }

    /**
     * The two header lines, printed before the first record: each format asked for, and the format of the first
     * record's key and value that has one ({@code DDML JSON}, {@code DDML Avro}, {@code Debezium JSON}, {@code JSON},
     * {@code plain text}, ...). Printed at the end when no record came.
     */
    private final class Header {
        private final PrintWriter out;
        private final RecordDecoder keys;
        private final RecordDecoder values;
        private boolean printed;

        Header(PrintWriter out, RecordDecoder keys, RecordDecoder values) {
            this.out = out;
            this.keys = keys;
            this.values = values;
        }

        void before(ConsumerRecord<byte[], byte[]> first) {
            if (printed) {
                return;
            }
            printed = true;
            out.println("Key format: " + describe(keyFormat, first == null ? null : keys.detect(first.key()), first));
            out.println("Value format: " + describe(format, first == null ? null : values.detect(first.value()), first));
        }

        private static String describe(RecordFormat asked, String detected, ConsumerRecord<byte[], byte[]> first) {
            if (first == null) {
                return asked.name() + " (no record read to detect it from)";
            }
            return asked.name() + " (first record: " + (detected == null ? "null" : detected) + ")";
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + kafka.bootstrapServers() + ": `idaas topics` lists the topics there");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    static String line(ConsumerRecord<byte[], byte[]> r, RecordDecoder keys, RecordDecoder values) {
        return "rowtime: " + ROWTIME.format(Instant.ofEpochMilli(r.timestamp()))
                + ", partition: " + r.partition()
                + ", offset: " + r.offset()
                + ", key: " + keys.decode(r.key())
                + ", value: " + values.decode(r.value());
    }
}
