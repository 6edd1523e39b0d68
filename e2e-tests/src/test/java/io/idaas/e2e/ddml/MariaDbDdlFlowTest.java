package io.idaas.e2e.ddml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.stack.LocalStack;
import io.idaas.stack.mariadb.MariaDbServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** MariaDB's DDL, from Debezium's schema-change events, as DDML DDL events. */
class MariaDbDdlFlowTest extends DdlFlowContract {

    @Override
    Connection openSource(LocalStack stack) throws SQLException {
        MariaDbServer db = stack.mariadb();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    ObjectNode ddmlSourceConnector(LocalStack stack, String connectorName, String topicPrefix) {
        return MariaDbTypeMatrixTest.mariadbConnector(stack, "mariadb-ddml-source", connectorName, topicPrefix);
    }

    @Override
    String topicOf(LocalStack stack, String topicPrefix, String table) {
        return topicPrefix + "." + stack.mariadb().database() + "." + table;
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
