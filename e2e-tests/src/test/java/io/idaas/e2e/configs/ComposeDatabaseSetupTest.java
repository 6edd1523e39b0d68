package io.idaas.e2e.configs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose MySQL and MariaDB give their user what Debezium's MySQL and MariaDB connectors document ("Creating a
 * user": SELECT, RELOAD, SHOW DATABASES for the snapshot, REPLICATION SLAVE and REPLICATION CLIENT for the binlog, on
 * *.*), from SQL files the images' entrypoints run once from /docker-entrypoint-initdb.d.
 */
class ComposeDatabaseSetupTest {

    static final Set<String> DEBEZIUM_PRIVILEGES = Set.of("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT");

    @Test
    void mySqlsUserHasWhatDebeziumNeeds() {
        assertGrants("mysql", "MYSQL_USER");
    }

    @Test
    void mariaDbsUserHasWhatDebeziumNeeds() {
        assertGrants("mariadb", "MARIADB_USER");
    }

    @Test
    void aGrantMissingAPrivilegeIsCaught() {
        assertThat(globalPrivileges("GRANT SELECT, RELOAD, REPLICATION SLAVE ON *.* TO 'idaas'@'%';", "idaas"))
            .doesNotContainAnyElementsOf(Set.of("SHOW DATABASES", "REPLICATION CLIENT"));
        assertThat(globalPrivileges("GRANT ALL ON idaas.* TO 'idaas'@'%';", "idaas")).isEmpty();
        assertThat(globalPrivileges("grant select, reload ON *.* to idaas@'%';", "idaas")).containsExactlyInAnyOrder("SELECT", "RELOAD");
    }

    private static void assertGrants(String service, String userVariable) {
        ComposeFile compose = ComposeFile.read();
        String user = compose.environment(service).get(userVariable);
        assertThat(user).as(service + "'s " + userVariable).isNotBlank();
        Path init = compose.mountAt(service, "/docker-entrypoint-initdb.d").hostPath();
        String sql;
        try (Stream<Path> files = Files.list(init)) {
            sql = files.filter(f -> f.toString().endsWith(".sql")).sorted().map(ComposeDatabaseSetupTest::read)
                .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(globalPrivileges(sql, user)).as(service + ": the privileges of " + user + " on *.*").containsAll(DEBEZIUM_PRIVILEGES);
    }

    /** The privileges granted ON *.* to {@code user} by the GRANT statements of {@code sql}, upper case. */
    static Set<String> globalPrivileges(String sql, String user) {
        Set<String> out = new TreeSet<>();
        String noComments = sql.replaceAll("(?m)--.*$", "");
        Matcher grant = Pattern.compile("(?is)\\bGRANT\\s+(.+?)\\s+ON\\s+\\*\\.\\*\\s+TO\\s+'?([^'@\\s;]+)'?").matcher(noComments);
        while (grant.find()) {
            if (grant.group(2).equals(user)) {
                List<String> privileges = Arrays.stream(grant.group(1).split(","))
                    .map(p -> p.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)).toList();
                out.addAll(privileges);
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
