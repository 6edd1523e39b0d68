package io.idaas.ddml;

/** The DDL operations. */
public enum DdlOp {
    CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE, TRUNCATE_TABLE;

    /** The wire name, e.g. {@code alter_table}. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The op of that wire name. */
    public static DdlOp of(String wireName) {
        return WireNames.parse(DdlOp.class, wireName, "ddl.op");
    }
}
