package io.idaas.verify.report;

/**
 * A column whose values differ between the source row and the target row, with both canonical texts (null is NULL).
 */
public record FieldDifference(String column, String source, String target) {
}
