package io.idaas.e2e.values;

import io.idaas.e2e.pipeline.Direction;

/** The awkward-values matrix of the shipped direction POSTGRES_TO_POSTGRES. */
class PostgresToPostgresValuesTest extends AwkwardValuesContract {

    @Override
    Direction direction() {
        return Direction.POSTGRES_TO_POSTGRES;
    }
}
