package io.idaas.e2e;

/** MariaDB through Debezium's MariaDB connector (row-based binlog, GTIDs) on the local stack. */
class MariaDbCaptureTest extends SourceCaptureContract {

    @Override
    SourceDatabase source() {
        return SourceDatabase.MARIADB;
    }

    @Override
    String config() {
        return "mariadb-source";
    }
}
