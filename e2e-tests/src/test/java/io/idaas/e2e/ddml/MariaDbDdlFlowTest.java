package io.idaas.e2e.ddml;

import io.idaas.e2e.SourceDatabase;

import java.util.List;

/** MariaDB's DDL, from Debezium's schema-change events, as DDML DDL events. */
class MariaDbDdlFlowTest extends DdlFlowContract {

    @Override
    SourceDatabase source() {
        return SourceDatabase.MARIADB;
    }

    @Override
    List<String> statements(String t) {
        return List.of(
                "CREATE TABLE " + t + " (id INT PRIMARY KEY, a VARCHAR(20))",
                "INSERT INTO " + t + " VALUES (1, 'x')",
                "ALTER TABLE " + t + " ADD COLUMN b INT",
                "INSERT INTO " + t + " VALUES (2, 'y', 5)",
                "ALTER TABLE " + t + " RENAME COLUMN b TO c",
                "INSERT INTO " + t + " VALUES (3, 'z', 6)",
                "ALTER TABLE " + t + " MODIFY COLUMN c BIGINT",
                "INSERT INTO " + t + " VALUES (4, 'w', 7)",
                "ALTER TABLE " + t + " DROP COLUMN a",
                "INSERT INTO " + t + " VALUES (5, 8)",
                "DROP TABLE " + t);
    }

    @Override
    List<String> expected() {
        return List.of(
                "ddl:create_table +id +a",
                "dml:insert:1",
                "ddl:alter_table +b",
                "dml:insert:2",
                "ddl:alter_table >b:c",
                "dml:insert:3",
                "ddl:alter_table ~c:int64",
                "dml:insert:4",
                "ddl:alter_table -a",
                "dml:insert:5",
                "ddl:drop_table");
    }
}
