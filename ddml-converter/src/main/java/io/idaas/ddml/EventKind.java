package io.idaas.ddml;

/** Whether an event changes rows (DML) or a table's definition (DDL). */
public enum EventKind {
    DML, DDL;

    /** The wire name: {@code dml} or {@code ddl}. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The kind of that wire name. */
    public static EventKind of(String wireName) {
        return WireNames.parse(EventKind.class, wireName, "kind");
    }
}
