package io.idaas.e2e.values;

import io.idaas.e2e.pipeline.Direction;

/** The awkward-values matrix of the shipped direction POSTGRES_TO_MARIADB. */
class PostgresToMariaDbValuesTest extends AwkwardValuesContract {

    @Override
    Direction direction() {
        return Direction.POSTGRES_TO_MARIADB;
    }
}
