package io.idaas.e2e.views;

import io.idaas.e2e.SourceDatabase;

/** {@link ViewsContract} over Debezium's PostgreSQL connector (pgoutput) with ToDdml. */
class ViewsOnPostgresTest extends ViewsContract {

    @Override
    SourceDatabase source() {
        return SourceDatabase.POSTGRES;
    }
}
