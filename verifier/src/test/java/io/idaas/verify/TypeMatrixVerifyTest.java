package io.idaas.verify;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.TableReport;
import io.idaas.verify.report.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Equal data in MariaDB's and PostgreSQL's native types of the whole DDML type matrix verifies as equal, both ways: by
 * range checksums computed in each database alone for the types whose canonical text both compute, and in Java for
 * JSON, sets and arrays.
 */
@ExtendWith(LocalStackExtension.class)
class TypeMatrixVerifyTest {

    @Test
    void theWholeMatrixIsEqualBothWays(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres())) {
            List<CrossTypeMatrix.Pair> pairs = CrossTypeMatrix.create(maria, pg, "matrix_all", p -> true);
            List<String> javaOnly = pairs.stream().filter(p -> !p.sqlComparable()).map(CrossTypeMatrix.Pair::name).toList();

            for (boolean fromMaria : new boolean[] {true, false}) {
                var config = fromMaria ? StackDatabases.config(stack.mariadb(), stack.postgres(), "matrix_all")
                        : StackDatabases.config(stack.postgres(), stack.mariadb(), "matrix_all");
                VerifyReport report = new Verifier(config.build()).run();
                TableReport table = report.tables().get(0);
                assertThat(table.differences()).as("differences from %s", fromMaria ? "MariaDB" : "PostgreSQL").isEmpty();
                assertThat(report.equal()).isTrue();
                assertThat(table.sourceRows()).isEqualTo(4);
                assertThat(table.javaColumns()).containsExactlyElementsOf(javaOnly);
            }
        }
    }

    @Test
    void typesWithCanonicalSqlAreEqualByChecksumsAloneWithoutFetchingARow(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres())) {
            CrossTypeMatrix.create(maria, pg, "matrix_sql", CrossTypeMatrix.Pair::sqlComparable);
            for (boolean fromMaria : new boolean[] {true, false}) {
                var config = fromMaria ? StackDatabases.config(stack.mariadb(), stack.postgres(), "matrix_sql")
                        : StackDatabases.config(stack.postgres(), stack.mariadb(), "matrix_sql");
                Verifier verifier = new Verifier(config.build());
                VerifyReport report = verifier.run();
                assertThat(report.tables().get(0).differences()).isEmpty();
                assertThat(report.equal()).isTrue();
                // every row's canonical text was equal inside both databases: no row crossed the network
                assertThat(verifier.stats().get("matrix_sql").rowsFetched()).isZero();
                assertThat(verifier.stats().get("matrix_sql").checksumQueries()).isPositive();
            }
        }
    }
}
