package io.idaas.e2e.values;

/** The awkward-values matrix of the shipped direction POSTGRES_TO_MARIADB. */
class PostgresToMariaDbValuesTest extends AwkwardValuesContract {

    @Override
    Direction direction() {
        return Direction.POSTGRES_TO_MARIADB;
    }
}
