package io.idaas.ddml;

/** The DML operations. */
public enum DmlOp {
    /** A row was inserted. */
    INSERT,
    /** A row was updated; its key did not change (a key change is a delete then an insert). */
    UPDATE,
    /** A row was deleted. */
    DELETE,
    /** All rows of the table were removed. */
    TRUNCATE,
    /** A row was read by a snapshot. */
    READ;

    /** The wire name, e.g. {@code insert}. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The op of that wire name. */
    public static DmlOp of(String wireName) {
        return WireNames.parse(DmlOp.class, wireName, "dml.op");
    }
}
