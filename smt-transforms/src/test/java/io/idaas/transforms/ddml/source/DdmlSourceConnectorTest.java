package io.idaas.transforms.ddml.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.transforms.ddml.DebeziumRecordsAccess;
import io.idaas.transforms.ddml.DebeziumToDdml;
import io.idaas.transforms.ddml.ToDdmlConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** The wrapper connector and its task, around a fake delegate. */
class DdmlSourceConnectorTest {

    private static final Map<String, String> PROPS = Map.of(
        "ddml.delegate.connector.class", FakeSourceConnector.class.getName(), "fake.server", "db1", "ddml.tombstones", "keep");

    private final FakeSourceTask fake = new FakeSourceTask();
    private final DdmlSourceTask task = new DdmlSourceTask();

    private void startTask(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(PROPS);
        props.putAll(extra);
        DdmlSourceConfig config = new DdmlSourceConfig(props);
        task.start(config, fake, new DebeziumToDdml(config.transformConfig(), () -> 1L));
    }

    @Test
    void theConnectorStartsTheDelegateWithItsOwnKeysAndHandsOutWrappedTaskConfigs() {
        DdmlSourceConnector c = new DdmlSourceConnector();
        c.start(PROPS);
        assertThat(FakeSourceConnector.started).isEqualTo(Map.of("fake.server", "db1"));
        assertThat(c.taskClass()).isEqualTo(DdmlSourceTask.class);
        List<Map<String, String>> tasks = c.taskConfigs(4);
        assertThat(tasks).singleElement().satisfies(t -> assertThat(t)
            .containsEntry("fake.task", "0").containsEntry("ddml.tombstones", "keep")
            .containsEntry(DdmlSourceConfig.DELEGATE_TASK_CLASS, FakeSourceTask.class.getName()));
        assertThat(c.config().configKeys()).containsKeys("ddml.delegate.connector.class", "ddml.tombstones", "fake.server");
        assertThat(c.version()).isNotBlank();
        c.stop();
    }

    @Test
    void validateMergesTheDelegatesConfiguration() {
        DdmlSourceConnector c = new DdmlSourceConnector();
        Config config = c.validate(Map.of("ddml.delegate.connector.class", FakeSourceConnector.class.getName()));
        Map<String, ConfigValue> byName = new HashMap<>();
        config.configValues().forEach(v -> byName.put(v.name(), v));
        assertThat(byName).containsKeys("ddml.delegate.connector.class", "ddml.derived.ddl.systems", "ddml.tombstones", "fake.server");
        assertThat(byName.get("fake.server").errorMessages()).isNotEmpty();
        assertThat(byName.get("ddml.delegate.connector.class").errorMessages()).isEmpty();
        assertThat(c.config().configKeys()).containsKey("fake.server");

        Config bad = c.validate(Map.of("ddml.delegate.connector.class", "no.such.Connector"));
        assertThat(bad.configValues().stream().filter(v -> v.name().equals("ddml.delegate.connector.class")).findFirst().orElseThrow()
            .errorMessages()).anySatisfy(m -> assertThat(m).contains("no such class"));
    }

    @Test
    void aDerivedDdlRecordPrecedesTheFirstDmlRecordOfATableAndCommitsReachTheDelegate() throws Exception {
        startTask(Map.of());
        DebeziumRecordsAccess readings = DebeziumRecordsAccess.postgresTable();
        SourceRecord first = readings.insert(1, "a");
        SourceRecord second = readings.insert(2, "b");
        SourceRecord widened = readings.widened().insert(3, "c", "C");
        fake.batches.add(List.of(first, second));
        fake.batches.add(List.of(widened));

        List<SourceRecord> out = new ArrayList<>(task.poll());
        assertThat(out).hasSize(3);
        assertThat(kindAndOp(out.get(0))).isEqualTo("ddl create_table");
        assertThat(kindAndOp(out.get(1))).isEqualTo("dml insert");
        assertThat(kindAndOp(out.get(2))).isEqualTo("dml insert");
        // the derived record keeps the table's shape in an offset of its own
        assertThat(out.get(0).sourcePartition()).isEqualTo(Map.of("ddml.derived.table", "[\"pg\",\"idaas\",\"public\",\"items\"]"));
        assertThat(out.get(0).sourceOffset()).containsOnlyKeys("shape");
        assertThat(out.get(1).sourcePartition()).isEqualTo(first.sourcePartition());
        assertThat(out.get(1).sourceOffset()).isEqualTo(first.sourceOffset());
        assertThat(out.get(0).topic()).isEqualTo(first.topic());

        List<SourceRecord> next = task.poll();
        assertThat(next).extracting(DdmlSourceConnectorTest::kindAndOp).containsExactly("ddl alter_table", "dml insert");

        for (SourceRecord r : out) {
            task.commitRecord(r, null);
        }
        task.commitRecord(next.get(0), null);
        task.commitRecord(next.get(1), null);
        assertThat(fake.committed).containsExactly(first, second, widened);
        task.commit();
        assertThat(fake.commits).isEqualTo(1);
        assertThat(task.poll()).isNull();
        task.stop();
        assertThat(fake.stopped).isTrue();
    }

    @Test
    void aTaskStartedAgainReadsTheStoredShapeAndDerivesAnAlterNotACreate() throws Exception {
        startTask(Map.of());
        fake.batches.add(List.of(DebeziumRecordsAccess.postgresTable().insert(1, "a")));
        SourceRecord create = task.poll().get(0);
        assertThat(kindAndOp(create)).isEqualTo("ddl create_table");

        Map<Map<String, ?>, Map<String, ?>> stored = Map.of(create.sourcePartition(), create.sourceOffset());
        DdmlSourceTask again = new DdmlSourceTask();
        again.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return PROPS;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return (Map<String, Object>) stored.get(partition);
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> partitions) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        });
        FakeSourceTask delegate = new FakeSourceTask();
        DdmlSourceConfig config = new DdmlSourceConfig(PROPS);
        again.start(config, delegate, new DebeziumToDdml(config.transformConfig(), () -> 1L));
        delegate.batches.add(List.of(DebeziumRecordsAccess.postgresTable().insert(2, "b"),
            DebeziumRecordsAccess.postgresTable().widened().insert(3, "c", "C")));
        assertThat(again.poll()).extracting(DdmlSourceConnectorTest::kindAndOp)
            .containsExactly("dml insert", "ddl alter_table", "dml insert");
    }

    @Test
    void noDerivedDdlForSystemsNotListed() throws Exception {
        startTask(Map.of("ddml.derived.ddl.systems", ""));
        fake.batches.add(List.of(DebeziumRecordsAccess.postgresTable().insert(1, "a")));
        assertThat(task.poll()).extracting(DdmlSourceConnectorTest::kindAndOp).containsExactly("dml insert");
    }

    @Test
    void everyTableOfAMultiTableSchemaChangeIsEmitted() throws Exception {
        startTask(Map.of());
        SourceRecord dropBoth = DebeziumRecordsAccess.dropTwoTables();
        fake.batches.add(List.of(dropBoth));
        List<SourceRecord> out = task.poll();
        assertThat(out).extracting(SourceRecord::topic).containsExactly("mariadb-main.shop.a", "mariadb-main.shop.b");
        task.commitRecord(out.get(0), null);
        assertThat(fake.committed).isEmpty();
        task.commitRecord(out.get(1), null);
        assertThat(fake.committed).containsExactly(dropBoth);
    }

    @Test
    void droppedAndPassedRecordsAreCommittedToo() throws Exception {
        startTask(Map.of("ddml.tombstones", "drop"));
        SourceRecord tombstone = DebeziumRecordsAccess.postgresTable().tombstone(1);
        SourceRecord heartbeat = DebeziumRecordsAccess.heartbeat();
        fake.batches.add(List.of(tombstone, heartbeat));
        List<SourceRecord> out = task.poll();
        assertThat(out).containsExactly(heartbeat);
        assertThat(fake.committed).containsExactly(tombstone);
        task.commitRecord(heartbeat, null);
        assertThat(fake.committed).containsExactly(tombstone, heartbeat);
    }

    @Test
    void badRecordsFailTheTaskOrAreSkippedWithErrorsToleranceAll() throws Exception {
        SourceRecord bad = new SourceRecord(Map.of("server", "x"), Map.of("lsn", 1), "x.t", null, Schema.STRING_SCHEMA, "not debezium");
        startTask(Map.of());
        fake.batches.add(List.of(bad));
        assertThatThrownBy(task::poll).isInstanceOf(DataException.class).hasMessageContaining("x.t");

        DdmlSourceTask tolerant = new DdmlSourceTask();
        Map<String, String> props = new HashMap<>(PROPS);
        props.put("ddml.errors.tolerance", "all");
        DdmlSourceConfig config = new DdmlSourceConfig(props);
        FakeSourceTask delegate = new FakeSourceTask();
        tolerant.start(config, delegate, new DebeziumToDdml(new ToDdmlConfig(Map.of())));
        delegate.batches.add(List.of(bad));
        assertThat(tolerant.poll()).isEmpty();
        assertThat(delegate.committed).containsExactly(bad);
    }

    @Test
    void aRefusedValueIsWrittenInPlaceWithoutItsRowsWhateverTheErrorsTolerance() throws Exception {
        SourceRecord infinity = DebeziumRecordsAccess.infinityInsert();
        startTask(Map.of());
        fake.batches.add(List.of(infinity, DebeziumRecordsAccess.postgresTable().insert(1, "next")));
        List<SourceRecord> out = task.poll();
        // the table's derived create_table, the change without its rows, then the next table's create_table and insert
        assertThat(out).extracting(DdmlSourceConnectorTest::kindAndOp)
            .containsExactly("ddl create_table", "dml insert", "ddl create_table", "dml insert");
        assertThat(out.get(1).topic()).isEqualTo(infinity.topic());
        assertThat(out.get(1).headers().lastWithName("ddml.omitted").value()).isEqualTo("unrepresentable_value");
        io.idaas.ddml.DdmlEvent omitted = io.idaas.ddml.DdmlJson.fromTree(
            new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(out.get(1).value()));
        assertThat(omitted.dml().after()).isNull();
        assertThat(omitted.dml().key().values()).containsEntry("id", 1);
        assertThat(omitted.dml().omitted().detail()).contains("column at").contains("'infinity' has no DDML value");
        task.commitRecord(out.get(0), null);
        task.commitRecord(out.get(1), null);
        assertThat(fake.committed).containsExactly(infinity);
    }

    private static String kindAndOp(SourceRecord r) {
        return r.headers().lastWithName("ddml.kind").value() + " " + r.headers().lastWithName("ddml.op").value();
    }
}
