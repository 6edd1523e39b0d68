package io.idaas.examples.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.SourceSystem;
import io.idaas.transforms.ddml.ToDdml;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * What docs/extending.md, part 3, says of a Debezium connector idaas does not map yet: the source systems are a closed
 * list (ddml-converter's {@link SourceSystem}, the {@code source.system} of SPEC.md), and ToDdml (so
 * DdmlSourceConnector too) refuses an event of any other {@code source.connector}, naming the systems it knows, rather
 * than guessing its positions and types. Adding a system is a change to idaas itself, in the classes the guide lists.
 */
class NewSourceSystemTest {

    @Test
    void theSourceSystemsAreTheOnesTheGuideLists() {
        assertThat(Arrays.stream(SourceSystem.values()).map(SourceSystem::wireName))
            .containsExactly("mysql", "mariadb", "postgresql", "mongodb", "oracle", "sqlserver", "db2");
        assertThat(SourceSystem.of("informix")).isEmpty();
    }

    @Test
    void anEventOfAConnectorDdmlDoesNotKnowIsRefusedNamingTheSystemsItKnows() {
        Schema row = SchemaBuilder.struct().name("ifx.stores.customer.Value").optional()
            .field("id", Schema.INT32_SCHEMA).build();
        Schema source = SchemaBuilder.struct().name("io.debezium.connector.informix.Source")
            .field("connector", Schema.STRING_SCHEMA).field("name", Schema.STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA)
            .build();
        Schema envelope = SchemaBuilder.struct().name("ifx.stores.customer.Envelope")
            .field("before", row).field("after", row).field("source", source).field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
        Struct value = new Struct(envelope).put("after", new Struct(row).put("id", 1)).put("op", "c")
            .put("source", new Struct(source).put("connector", "informix").put("name", "ifx").put("db", "stores")
                .put("table", "customer").put("ts_ms", 1_765_000_000_000L));
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "ifx.stores.customer", null, null, null, envelope, value);

        ToDdml<SourceRecord> toDdml = new ToDdml<>();
        toDdml.configure(Map.of());
        assertThatThrownBy(() -> toDdml.apply(record)).isInstanceOf(DataException.class)
            .hasMessageContaining("source.connector is 'informix', not one of postgresql, mysql, mariadb, oracle, "
                + "sqlserver, mongodb, db2");
    }
}
