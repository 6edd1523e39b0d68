package io.idaas.examples.processor;

import static io.idaas.examples.Customers.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.DdmlEvent;
import io.idaas.ddml.DdmlJson;
import io.idaas.ddml.types.PortableType;
import io.idaas.examples.Customers;
import io.idaas.transforms.ddml.process.DdmlTransformation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class UppercaseColumnTest {

    private static <R extends ConnectRecord<R>> UppercaseColumn<R> upper(Map<String, String> props) {
        UppercaseColumn<R> t = new UppercaseColumn<>();
        t.configure(props);
        return t;
    }

    private static DdmlEvent eventOf(ConnectRecord<?> record) {
        DdmlEvent event = DdmlTransformation.eventOf(record);
        // what a converter writes reads back as the same event
        assertThat(DdmlJson.read(DdmlJson.write(event))).isEqualTo(event);
        return event;
    }

    @Test
    void upperCasesBeforeAndAfterOnTheSourceSideAndKeepsSchemaKeyAndHeadersConsistent() {
        DdmlEvent update = Customers.update(row(1, "ada", "ada@example.org", 7), row(1, "adà", "ADA@example.org", 8));
        SourceRecord out = UppercaseColumnTest.<SourceRecord>upper(Map.of("columns", "name,email"))
            .apply(Customers.source(update));

        DdmlEvent event = eventOf(out);
        assertThat(event.dml().before().values()).containsEntry("name", "ADA").containsEntry("email", "ADA@EXAMPLE.ORG")
            .containsEntry("score", 7);
        assertThat(event.dml().after().values()).containsEntry("name", "ADÀ").containsEntry("email", "ADA@EXAMPLE.ORG")
            .containsEntry("score", 8);
        // the definitions did not change, so neither did the schema, its fingerprint, the key or the changed columns
        assertThat(event.schema()).isEqualTo(Customers.SCHEMA);
        assertThat(event.dml().key()).isEqualTo(update.dml().key());
        assertThat(event.dml().changed()).isEqualTo(update.dml().changed());
        assertThat(event.id()).isEqualTo(update.id());
        assertThat(out.key()).isEqualTo(Map.of("id", 1L));
        assertThat(out.headers().lastWithName("ddml.fingerprint").value()).isEqualTo(Customers.SCHEMA.fingerprint());
        assertThat(out.headers().lastWithName("ddml.op").value()).isEqualTo("update");
    }

    @Test
    void worksOnTheSinkSideOverWhatDdmlConverterReads() {
        SinkRecord in = Customers.sink(Customers.insert(row(2, "bob", null, null)), 17);
        SinkRecord out = UppercaseColumnTest.<SinkRecord>upper(Map.of("columns", "name,email")).apply(in);

        DdmlEvent event = eventOf(out);
        assertThat(event.dml().after().values()).containsEntry("name", "BOB");
        assertThat(event.dml().after().values().get("email")).as("NULL stays NULL").isNull();
        assertThat(out.kafkaPartition()).isEqualTo(0);
        assertThat(out.kafkaOffset()).isEqualTo(17);
        assertThat(out.originalTopic()).isEqualTo(Customers.TOPIC);
    }

    @Test
    void anUpperCaseLongerThanTheColumnFailsTheRecordNamingTheColumnAndTheFix() {
        UppercaseColumn<SourceRecord> t = upper(Map.of("columns", "name"));
        SourceRecord in = Customers.source(Customers.insert(row(3, "straße", null, 1)));

        assertThatThrownBy(() -> t.apply(in)).isInstanceOf(DataException.class)
            .hasMessageContaining("column 'name' is a string(6)")
            .hasMessageContaining("7 characters long ('STRASSE')")
            .hasMessageContaining("widen the column at the source, or leave it out of columns");
    }

    @Test
    void keyAndNonTextColumnsAreRefusedOnTheTablesFirstEvent() {
        SourceRecord in = Customers.source(Customers.insert(row(4, "eve", null, 3)));

        assertThatThrownBy(() -> UppercaseColumnTest.<SourceRecord>upper(Map.of("columns", "score")).apply(in))
            .isInstanceOf(DataException.class).hasMessageContaining("table shop.customers")
            .hasMessageContaining("column 'score' is a int32, not text").hasMessageContaining("leave it out of columns");
        assertThatThrownBy(() -> UppercaseColumnTest.<SourceRecord>upper(Map.of("columns", "id")).apply(in))
            .isInstanceOf(DataException.class).hasMessageContaining("column 'id' is a int64");
    }

    @Test
    void ddlPassesUnchangedUnlessItMakesAnUpperCasedColumnSomethingElseThanText() {
        UppercaseColumn<SourceRecord> t = upper(Map.of("columns", "name,nickname"));
        SourceRecord added = Customers.source(Customers.addColumn(
            Column.builder("nickname", PortableType.string(32)).nativeType("VARCHAR(32)").length(32).build()));
        assertThat(t.apply(added)).as("the same record: nothing to change").isSameAs(added);

        SourceRecord retyped = Customers.source(Customers.modifyColumn(Customers.NAME,
            Column.builder("name", PortableType.INT32).nativeType("INT").build()));
        assertThatThrownBy(() -> t.apply(retyped)).isInstanceOf(DataException.class)
            .hasMessageContaining("column 'name' is a int32, not text");
    }

    @Test
    void tablesLeftOutPassUnchanged() {
        SourceRecord in = Customers.source(Customers.insert(row(5, "kim", null, 1)));
        SourceRecord out = UppercaseColumnTest.<SourceRecord>upper(Map.of("columns", "name",
            "tables.exclude", "shop\\.customers")).apply(in);
        assertThat(out).isSameAs(in);
    }

    @Test
    void tombstonesAndValuesThatAreNotDdmlPassUnchanged() {
        UppercaseColumn<SinkRecord> t = upper(Map.of("columns", "name"));
        SinkRecord tombstone = new SinkRecord(Customers.TOPIC, 0, null, Map.of("id", 1L), null, null, 9);
        SinkRecord marker = new SinkRecord("shop.transaction", 0, null, null, null, Map.of("status", "BEGIN", "id", "t1"), 10);
        assertThat(t.apply(tombstone)).isSameAs(tombstone);
        assertThat(t.apply(marker)).isSameAs(marker);
    }

    @Test
    void connectsValidateEndpointRefusesBadColumnListsNamingTheFix() {
        assertThat(errors(Map.of())).containsEntry("columns", List.of("Missing required configuration \"columns\" which "
            + "has no default value."));
        assertThat(errors(Map.of("columns", "name,name")).get("columns")).singleElement().asString()
            .contains("column 'name' is named twice: name it once");
        assertThat(errors(Map.of("columns", "name,,email")).get("columns")).singleElement().asString()
            .contains("the list has an empty name");
        assertThat(errors(Map.of("columns", "name", "tables.include", "shop.(customers")).get("tables.include"))
            .singleElement().asString().contains("is not a valid Java regular expression");
        assertThat(errors(Map.of("columns", "name"))).isEmpty();
        assertThatThrownBy(() -> upper(Map.of("columns", "a,a"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("named twice");
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(UppercaseColumn.CONFIG_DEF.configKeys().values())
            .allSatisfy(k -> assertThat(k.documentation).as(k.name).isNotBlank());
        assertThat(new UppercaseColumn<SourceRecord>().config()).isSameAs(UppercaseColumn.CONFIG_DEF);
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : UppercaseColumn.CONFIG_DEF.validate(props)) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), v.errorMessages());
            }
        }
        return out;
    }
}
