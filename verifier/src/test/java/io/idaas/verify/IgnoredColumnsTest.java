package io.idaas.verify;

import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import io.idaas.verify.report.TableReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A target written by the idaas JDBC sink has the sink's bookkeeping column {@code _idaas_position}, which its source
 * lacks: it is left out by default, and compared (reported as an extra column) when the option is emptied.
 */
@ExtendWith(LocalStackExtension.class)
class IgnoredColumnsTest {

    @Test
    void theSinksPositionColumnIsLeftOutUnlessAskedFor(LocalStack stack) throws Exception {
        try (Connection maria = StackDatabases.connect(stack.mariadb()); Connection pg = StackDatabases.connect(stack.postgres());
             Statement m = maria.createStatement(); Statement p = pg.createStatement()) {
            m.execute("DROP TABLE IF EXISTS sunk");
            m.execute("CREATE TABLE sunk (id INT PRIMARY KEY, label VARCHAR(20))");
            m.execute("INSERT INTO sunk VALUES (1, 'a'), (2, 'b')");
            p.execute("DROP TABLE IF EXISTS sunk");
            p.execute("CREATE TABLE sunk (id INT PRIMARY KEY, label VARCHAR(20), _idaas_position VARCHAR(80))");
            p.execute("INSERT INTO sunk VALUES (1, 'a', '0000000001:00000000000000000100/2/0000000000'), "
                    + "(2, 'b', '0000000001:00000000000000000200/2/0000000000')");

            TableReport byDefault = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "sunk").build())
                    .run().tables().get(0);
            assertThat(byDefault.onlyInTarget()).isEmpty();
            assertThat(byDefault.equal()).isTrue();

            TableReport everyColumn = new Verifier(StackDatabases.config(stack.mariadb(), stack.postgres(), "sunk")
                    .ignoredColumns("").build()).run().tables().get(0);
            assertThat(everyColumn.onlyInTarget()).containsExactly("_idaas_position");
            assertThat(everyColumn.equal()).isFalse();
        }
        assertThatThrownBy(() -> StackDatabases.config(stack.mariadb(), stack.postgres(), "sunk").ignoredColumns("(").build())
                .hasMessageContaining("--ignore-columns '(' is not a regular expression");
    }
}
