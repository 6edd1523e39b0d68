package io.idaas.transforms.ddml.ddl;

import io.idaas.transforms.ddml.ShapeCache.TableKey;
import java.util.Optional;

/**
 * Where {@link DerivedDdl} finds what it remembered of a table before it was last started (Connect's offsets, in the
 * task): the last shape it emitted for a table by its name, and, for a table whose catalog identity (PostgreSQL's oid)
 * was known, by that identity, with the name the table had then. The identity is what tells a renamed table: a table
 * keeps its oid through {@code ALTER TABLE ... RENAME TO}.
 */
@FunctionalInterface
public interface ShapeStore {

    /** A store that remembers nothing. */
    ShapeStore NONE = table -> Optional.empty();

    /**
     * A table's last shape and the name it had when that shape was emitted.
     *
     * @param table the table's name then
     * @param shape the shape, with the table's identity
     */
    record Stored(TableKey table, DerivedShape shape) {
    }

    /**
     * The last shape stored under the table's name (a table whose identity was not known, or a shape a version before
     * identities were stored left); empty when none.
     */
    Optional<DerivedShape> byName(TableKey table);

    /**
     * The last shape stored for the table of identity {@code relationId} in a source's database, with the name the table
     * had then; empty when none.
     */
    default Optional<Stored> byRelation(String sourceName, String database, long relationId) {
        return Optional.empty();
    }
}
