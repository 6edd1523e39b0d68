package io.idaas.e2e.ddml;

import io.idaas.e2e.SourceDatabase;

import java.util.List;

/**
 * PostgreSQL's DDL, derived from the change of a table's shape between events (logical decoding carries no DDL): a
 * rename is told from a drop plus an add by the column's number in the source's catalog (SPEC.md section 7.3), read
 * when the connector derives the event, which may be after all the statements ran. The table is not dropped at the end:
 * a dropped table leaves no event, and its catalog is gone, so its renames could no longer be told (a documented
 * limit).
 */
class PostgresDdlFlowTest extends DdlFlowContract {

    @Override
    SourceDatabase source() {
        return SourceDatabase.POSTGRES;
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
                "ALTER TABLE " + t + " ALTER COLUMN c TYPE BIGINT",
                "INSERT INTO " + t + " VALUES (4, 'w', 7)",
                "ALTER TABLE " + t + " DROP COLUMN a",
                "INSERT INTO " + t + " VALUES (5, 8)");
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
                "dml:insert:5");
    }
}
