package io.idaas.verify.sql;

import io.idaas.ddml.types.TypeKind;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's canonical timestamp ({@link PostgresDialect#epochMicros}), which takes {@code date_part}'s
 * {@code float8} inside 1900-2040, gives exactly the microseconds {@code extract} gives, on the edges of that span and
 * 400,000 random instants in and around it, in {@code timestamp} and {@code timestamptz}.
 */
@ExtendWith(LocalStackExtension.class)
class PostgresEpochMicrosTest {

    @Test
    void theFloatPathGivesExtractsMicrosecondsForEveryInstant(LocalStack stack) throws Exception {
        try (Connection pg = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());
             Statement s = pg.createStatement()) {
            s.execute("SET TIME ZONE 'Europe/Paris'"); // timestamptz bounds are in UTC whatever the session's zone
            s.execute("DROP TABLE IF EXISTS epoch_micros");
            s.execute("CREATE TABLE epoch_micros (t timestamp(6), tz timestamptz(6))");
            // the edges of the float span, one microsecond either side, 1970 itself, and the far years
            s.execute("""
                    INSERT INTO epoch_micros (t) SELECT v + d FROM unnest(ARRAY[timestamp '1900-01-01', timestamp '2040-01-01',
                        timestamp '1970-01-01', timestamp '2038-01-19 03:14:07', timestamp '1000-01-01', timestamp '9999-12-31 23:59:59',
                        timestamp '4713-01-01 BC']) v,
                    unnest(ARRAY[interval '0', interval '1 microsecond', interval '-1 microsecond', interval '0.999999 second']) d""");
            // 200,000 random instants from 1850 to 2090, and 200,000 from 1000 to 2500 (where a float path outside its span
            // would differ: it does from about 1834 and 2106), each microsecond as likely
            s.execute("""
                    INSERT INTO epoch_micros (t) SELECT timestamp '1850-01-01' + (random() * 240 * 365.25 * 86400000000)::bigint * interval '1 microsecond'
                    FROM generate_series(1, 200000)""");
            s.execute("""
                    INSERT INTO epoch_micros (t) SELECT timestamp '1000-01-01' + (random() * 1500 * 365.25 * 86400000000)::bigint * interval '1 microsecond'
                    FROM generate_series(1, 200000)""");
            s.execute("UPDATE epoch_micros SET tz = t AT TIME ZONE 'UTC'");
            for (String column : new String[] {"t", "tz"}) {
                String fast = PostgresDialect.epochMicros(column, column.equals("t") ? TypeKind.TIMESTAMP : TypeKind.TIMESTAMPTZ);
                assertThat(fast).contains("date_part");
                try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE " + fast + " IS DISTINCT FROM (extract(epoch from "
                        + column + ") * 1000000)::bigint), count(*) FILTER (WHERE " + column + " BETWEEN '1900-01-01' AND '2040-01-01') FROM epoch_micros")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(400_028);
                    assertThat(rs.getLong(2)).as("instants where the float path differs from extract (%s)", column).isZero();
                    assertThat(rs.getLong(3)).as("instants on the float path").isGreaterThan(100_000);
                }
            }
            s.execute("DROP TABLE epoch_micros");
        }
    }
}
