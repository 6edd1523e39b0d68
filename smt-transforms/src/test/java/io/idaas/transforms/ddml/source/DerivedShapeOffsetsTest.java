package io.idaas.transforms.ddml.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.idaas.ddml.Column;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.TableSchema;
import io.idaas.transforms.ddml.ShapeCache.TableKey;
import io.idaas.transforms.ddml.ddl.DerivedDdl.Derived;
import io.idaas.transforms.ddml.ddl.DerivedShape;
import io.idaas.transforms.ddml.ddl.ShapeStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/**
 * Derived shapes in Connect's offsets: by the table's catalog identity when known (the partition a rename keeps, the
 * offset naming the table), else by the table's name; read back as a task started again reads them.
 */
class DerivedShapeOffsetsTest {

    private static final TableKey T = new TableKey("pg", "idaas", "public", "t");
    private static final TableSchema SCHEMA = TableSchema.of(List.of(
        new Column("id", PortableType.INT32, "int4", false, null, null, null, null)), List.of("id"));

    private final Map<Map<String, ?>, Map<String, ?>> stored = new HashMap<>();

    private SourceRecord keep(DerivedShape shape) {
        SourceRecord dml = new SourceRecord(Map.of("server", "pg"), Map.of("lsn", 1L), "pg.public.t", 0, null, null, null, null);
        SourceRecord r = DerivedShapeOffsets.withShape(dml, new Derived(null, T, shape));
        stored.put(r.sourcePartition(), r.sourceOffset());
        return r;
    }

    @Test
    void aShapeWithIdentityIsKeptByIdentityWithItsTablesName() {
        SourceRecord r = keep(new DerivedShape(SCHEMA, 16384L, Map.of("id", 1), "p1"));
        assertThat(r.sourcePartition()).isEqualTo(Map.of("ddml.derived.relation", "[\"pg\",\"idaas\",16384]"));
        assertThat(r.sourceOffset()).containsOnlyKeys("shape", "table");
        assertThat(r.sourceOffset().get("table")).isEqualTo("[\"pg\",\"idaas\",\"public\",\"t\"]");
        assertThat(r.topic()).isEqualTo("pg.public.t");

        ShapeStore store = DerivedShapeOffsets.store(context());
        assertThat(store.byRelation("pg", "idaas", 16384L)).hasValueSatisfying(s -> {
            assertThat(s.table()).isEqualTo(T);
            assertThat(s.shape().relationId()).isEqualTo(16384L);
            assertThat(s.shape().numbers()).isEqualTo(Map.of("id", 1));
        });
        assertThat(store.byRelation("pg", "idaas", 16385L)).isEmpty();
        assertThat(store.byRelation("other", "idaas", 16384L)).isEmpty();
        assertThat(store.byName(T)).as("not kept by name").isEmpty();
    }

    @Test
    void aShapeWithoutIdentityIsKeptByName() {
        SourceRecord r = keep(new DerivedShape(SCHEMA, null, Map.of(), "p1"));
        assertThat(r.sourcePartition()).isEqualTo(Map.of("ddml.derived.table", "[\"pg\",\"idaas\",\"public\",\"t\"]"));
        assertThat(r.sourceOffset()).containsOnlyKeys("shape");
        assertThat(DerivedShapeOffsets.store(context()).byName(T)).hasValueSatisfying(s -> assertThat(s.relationId()).isNull());
    }

    @Test
    void anOffsetThatCannotBeReadIsNothing() {
        stored.put(DerivedShapeOffsets.partition("pg", "idaas", 7L), Map.of("shape", "{}", "table", "[\"pg\"]"));
        stored.put(DerivedShapeOffsets.partition("pg", "idaas", 8L),
            Map.of("shape", new DerivedShape(SCHEMA, 8L, Map.of(), "p").toJson(), "table", "not json"));
        ShapeStore store = DerivedShapeOffsets.store(context());
        assertThat(store.byRelation("pg", "idaas", 7L)).isEmpty();
        assertThat(store.byRelation("pg", "idaas", 8L)).isEmpty();
        assertThat(DerivedShapeOffsets.store(null).byRelation("pg", "idaas", 7L)).isEmpty();
    }

    private SourceTaskContext context() {
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
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
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        };
    }
}
