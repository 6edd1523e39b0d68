package io.idaas.e2e.values;

import io.idaas.e2e.pipeline.Db;

/**
 * A column of an awkward-values source table: its name, its type in the source, how it is compared, and the
 * expression that reads it in the source when {@link ValueKind}'s does not (e.g. PostgreSQL money as numeric).
 */
record AwkwardColumn(String name, String nativeType, ValueKind kind, String sourceSelect) {

    static AwkwardColumn of(String name, String nativeType, ValueKind kind) {
        return new AwkwardColumn(name, nativeType, kind, null);
    }

    AwkwardColumn readInSourceAs(String expression) {
        return new AwkwardColumn(name, nativeType, kind, expression);
    }

    String select(Db db, boolean inSource) {
        return inSource && sourceSelect != null ? String.format(sourceSelect, name) : kind.select(db, name);
    }
}
