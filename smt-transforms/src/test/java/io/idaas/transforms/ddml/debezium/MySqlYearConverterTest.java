package io.idaas.transforms.ddml.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** YEAR values as the server holds them, 0000 included, in the forms the snapshot and the binlog give them. */
class MySqlYearConverterTest {

    @Test
    void everyFormOfAYearIsTheYear() {
        assertThat(MySqlYearConverter.year((short) 0)).isZero(); // snapshot, driver.yearIsDateType=false
        assertThat(MySqlYearConverter.year((short) 2155)).isEqualTo(2155);
        assertThat(MySqlYearConverter.year(java.time.Year.of(1900))).isZero(); // the binlog's 0000
        assertThat(MySqlYearConverter.year(1901)).isEqualTo(1901);
        assertThat(MySqlYearConverter.year("2024")).isEqualTo(2024);
        assertThat(MySqlYearConverter.year(null)).isNull();
    }

    @Test
    void itRegistersForYearColumnsOnly() {
        MySqlYearConverter converter = new MySqlYearConverter();
        converter.configure(new Properties());
        List<Schema> registered = new ArrayList<>();
        CustomConverter.ConverterRegistration<SchemaBuilder> registration = (schema, fn) -> registered.add(schema.build());
        converter.converterFor(column("YEAR", true), registration);
        converter.converterFor(column("INT", true), registration);
        converter.converterFor(column("year", false), registration);
        assertThat(registered).hasSize(2);
        assertThat(registered.get(0).name()).isEqualTo("io.debezium.time.Year");
        assertThat(registered.get(0).type()).isEqualTo(Schema.Type.INT32);
        assertThat(registered.get(0).isOptional()).isTrue();
        assertThat(registered.get(1).isOptional()).isFalse();
    }

    private static RelationalColumn column(String type, boolean optional) {
        return new RelationalColumn() {
            public String name() { return "c"; }
            public String dataCollection() { return "t"; }
            public int jdbcType() { return java.sql.Types.SMALLINT; }
            public int nativeType() { return 0; }
            public String typeName() { return type; }
            public String typeExpression() { return type; }
            public OptionalInt length() { return OptionalInt.empty(); }
            public OptionalInt scale() { return OptionalInt.empty(); }
            public boolean isOptional() { return optional; }
            public Object defaultValue() { return null; }
            public boolean hasDefaultValue() { return false; }
        };
    }
}
