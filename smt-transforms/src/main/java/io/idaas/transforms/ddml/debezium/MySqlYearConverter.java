package io.idaas.transforms.ddml.debezium;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * A Debezium custom converter ({@code converters}) for MySQL and MariaDB {@code YEAR} columns that gives every value as
 * the server holds it, the year {@code 0000} included. Debezium 3.5's own conversion runs every YEAR value through its
 * two-digit-year rule whatever {@code enable.time.adjuster} says (a snapshot's {@code 0000} arrives as 2000), and the
 * binlog client reads {@code 0000} as 1900; MariaDB Connector/J cannot read {@code 0000} as a date at all (the snapshot
 * fails), hence {@code driver.yearIsDateType=false} next to this converter in the shipped configs.
 *
 * <p>Values: the year as an INT32 named {@code io.debezium.time.Year}, as Debezium's own; 1900, which no YEAR column
 * holds (1901 to 2155, and 0), is the binlog's 0.
 */
public class MySqlYearConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    @Override
    public void configure(Properties props) {
        // nothing to configure
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        if (!"YEAR".equals(column.typeName().toUpperCase(Locale.ROOT))) {
            return;
        }
        SchemaBuilder schema = SchemaBuilder.int32().name("io.debezium.time.Year").version(1);
        if (column.isOptional()) {
            schema.optional();
        }
        registration.register(schema, MySqlYearConverter::year);
    }

    /** A YEAR value in any form the snapshot or the binlog gives it. */
    static Integer year(Object raw) {
        int year;
        if (raw == null) {
            return null;
        } else if (raw instanceof Number n) {
            year = n.intValue();
        } else if (raw instanceof java.time.Year y) {
            year = y.getValue();
        } else if (raw instanceof java.util.Date d) {
            year = d.toInstant().atZone(java.time.ZoneId.systemDefault()).getYear();
        } else {
            year = Integer.parseInt(raw.toString().trim());
        }
        return year == 1900 ? 0 : year;
    }
}
