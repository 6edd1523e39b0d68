package io.idaas.transforms.ddml;

import static io.idaas.transforms.ddml.SchemaChangeRecords.change;
import static io.idaas.transforms.ddml.SchemaChangeRecords.column;

import io.idaas.ddml.DdmlEvent;
import java.util.List;

/** A schema-change event, mapped. */
final class SchemaChangeTestSupport {

    private SchemaChangeTestSupport() {
    }

    static DdmlEvent create(DebeziumToDdml mapper) {
        return mapper.map(SchemaChangeRecords.mariadb().record("shop", "CREATE TABLE t (id INT PRIMARY KEY)",
            change("CREATE", "shop", "t", List.of("id"), column("id", "INT", null, null, 1, false, null)))).outputs().get(0).event();
    }
}
