package io.idaas.e2e.values;

import io.idaas.e2e.pipeline.Direction;

/** The awkward-values matrix of the shipped direction MYSQL_TO_MYSQL. */
class MySqlToMySqlValuesTest extends AwkwardValuesContract {

    @Override
    Direction direction() {
        return Direction.MYSQL_TO_MYSQL;
    }
}
