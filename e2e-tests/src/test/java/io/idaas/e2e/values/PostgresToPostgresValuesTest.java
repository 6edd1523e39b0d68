package io.idaas.e2e.values;

/** The awkward-values matrix of the shipped direction POSTGRES_TO_POSTGRES. */
class PostgresToPostgresValuesTest extends AwkwardValuesContract {

    @Override
    Direction direction() {
        return Direction.POSTGRES_TO_POSTGRES;
    }
}
