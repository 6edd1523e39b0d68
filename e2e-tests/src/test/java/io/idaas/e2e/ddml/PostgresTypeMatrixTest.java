package io.idaas.e2e.ddml;

import io.idaas.e2e.SourceDatabase;

import java.util.List;

/** SPEC.md §10.2 through the Debezium PostgreSQL connector, wrapped by DdmlSourceConnector. */
class PostgresTypeMatrixTest extends TypeMatrixContract {

    @Override
    List<TypeCase> matrix() {
        return TypeMatrices.postgres();
    }

    @Override
    SourceDatabase source() {
        return SourceDatabase.POSTGRES;
    }
}
