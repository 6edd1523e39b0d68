package io.idaas.e2e;

import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL through Debezium's PostgreSQL connector (pgoutput) on the local stack. */
class PostgresCaptureTest extends SourceCaptureContract {

    @Override
    SourceDatabase source() {
        return SourceDatabase.POSTGRES;
    }

    @Override
    String config() {
        return "postgres-source";
    }

    @Override
    void captureWholeRows(Statement sql, String table) throws SQLException {
        sql.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
    }
}
