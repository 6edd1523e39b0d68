package io.idaas.e2e.views;

import io.idaas.e2e.SourceDatabase;

/** {@link ViewsContract} over Debezium's MariaDB connector with ToDdml. */
class ViewsOnMariaDbTest extends ViewsContract {

    @Override
    SourceDatabase source() {
        return SourceDatabase.MARIADB;
    }
}
