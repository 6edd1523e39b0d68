package io.idaas.verify.compare;

import java.util.List;

/**
 * A row fetched from one side for comparison in Java.
 *
 * @param keyValues the primary-key values as the driver gave them (bound again to re-read the row by key)
 * @param values    the canonical text of each compared column, in the order of the compared columns (null for NULL)
 */
public record FetchedRow(List<Object> keyValues, String[] values) {
}
