package io.idaas.e2e.ddml;

import io.idaas.e2e.SourceDatabase;

import java.util.List;

/** SPEC.md §10.1 through the Debezium MariaDB connector and ToDdml. */
class MariaDbTypeMatrixTest extends TypeMatrixContract {

    @Override
    List<TypeCase> matrix() {
        return TypeMatrices.mariadb();
    }

    @Override
    SourceDatabase source() {
        return SourceDatabase.MARIADB;
    }
}
