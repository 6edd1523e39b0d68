package io.idaas.views.declaration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child level of a one-to-many merge view: the rows of {@code topic} that reference the parent row, as a list in
 * the parent's document, each with its own children.
 *
 * @param topic    the DDML topic of the child table
 * @param on       child field to parent primary-key column, in the parent's key order
 * @param as       the parent document's field holding the list
 * @param fields   output name to child field; empty means every field
 * @param children the child's own child levels
 */
public record MergeDeclaration(String topic, Map<String, String> on, String as, Map<String, String> fields,
                               List<MergeDeclaration> children) {

    public MergeDeclaration {
        on = Collections.unmodifiableMap(new LinkedHashMap<>(on));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        children = List.copyOf(children);
    }
}
