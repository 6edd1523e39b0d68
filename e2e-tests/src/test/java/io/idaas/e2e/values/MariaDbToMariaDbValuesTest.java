package io.idaas.e2e.values;

import io.idaas.e2e.pipeline.Direction;

/** The awkward-values matrix of the shipped direction MARIADB_TO_MARIADB. */
class MariaDbToMariaDbValuesTest extends AwkwardValuesContract {

    @Override
    Direction direction() {
        return Direction.MARIADB_TO_MARIADB;
    }
}
