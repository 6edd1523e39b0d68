package io.idaas.verify.sql;

import io.idaas.ddml.types.PortableType;

/**
 * A column as a database's catalog describes it.
 *
 * @param name       the column name as the database spells it
 * @param nativeType the declared type, e.g. {@code decimal(10,2) unsigned}, {@code character(10)}
 * @param type       its DDML portable type (SPEC.md §10)
 * @param padded     whether the type pads with trailing spaces (CHAR, character(n)): such values compare without them
 * @param nullable   whether it accepts NULL
 */
public record Column(String name, String nativeType, PortableType type, boolean padded, boolean nullable) {
}
