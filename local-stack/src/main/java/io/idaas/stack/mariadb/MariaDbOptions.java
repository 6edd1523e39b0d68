package io.idaas.stack.mariadb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the MariaDB server: the one-time {@code mariadb-install-db}, and {@code mariadbd} set up
 * for change data capture (row-based binary log with full row images and strict GTIDs) and for a fast local server.
 *
 * @param basedir    the extracted MariaDB distribution ({@code bin/}, {@code scripts/}, {@code share/})
 * @param datadir    the server's data folder
 * @param port       the TCP port on 127.0.0.1
 * @param socket     the unix socket; its path must stay under 108 bytes
 * @param pidFile    where the server writes its process id
 * @param user       the operating-system user the server runs as ({@code root}, or the user of this JVM)
 * @param tlsOptions {@code --ssl-cert}/{@code --ssl-key}, or empty to let the server make a certificate itself
 */
record MariaDbOptions(Path basedir, Path datadir, int port, Path socket, Path pidFile, String user, List<String> tlsOptions) {

    /** Creates the system tables in {@link #datadir}; root may log in from 127.0.0.1 without a password. */
    List<String> installCommand() {
        return List.of(
                basedir.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults",
                "--basedir=" + basedir,
                "--datadir=" + datadir,
                "--user=" + user,
                "--auth-root-authentication-method=normal",
                "--skip-name-resolve", // accounts for 127.0.0.1 and ::1, not for this machine's host name
                "--skip-test-db");
    }

    /** The folder for the server's temporary files: {@code tmp} beside {@link #datadir}. */
    Path tmpdir() {
        return datadir.resolveSibling("tmp");
    }

    List<String> serverCommand() {
        List<String> command = new ArrayList<>(List.of(
                basedir.resolve("bin/mariadbd").toString(),
                "--no-defaults",
                "--basedir=" + basedir,
                "--datadir=" + datadir,
                // its own temporary files beside its data, not in the machine's /tmp, where another server or a
                // cleaner can remove them under a running query (seen: "Error on delete of '/tmp/#sql-temptable-...'")
                "--tmpdir=" + tmpdir(),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + socket,
                "--pid-file=" + pidFile,
                "--user=" + user,
                // Change data capture (Debezium): row-based binary log with whole rows, and strict GTIDs.
                "--server-id=1",
                "--log-bin=mysql-bin",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--log-slave-updates",
                "--gtid-domain-id=0",
                "--gtid-strict-mode=ON",
                "--binlog-expire-logs-seconds=604800", // a week: long enough for a stopped connector to catch up
                // A fast, predictable local server.
                "--innodb-flush-log-at-trx-commit=2",
                "--innodb-buffer-pool-size=128M",
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                // 11.4 otherwise gives "CHARSET utf8mb4" columns utf8mb4_uca1400_ai_ci, which older tools do not know.
                "--character-set-collations=utf8mb4=utf8mb4_unicode_ci",
                "--default-time-zone=+00:00",
                // As a target, a statement carries a row's values escaped (up to twice their size): room for the 16 MiB
                // values a default source (max_allowed_packet 16M) can hold (connect-configs/README.md, "Large values").
                "--max-allowed-packet=64M"));
        command.addAll(tlsOptions);
        return command;
    }
}
