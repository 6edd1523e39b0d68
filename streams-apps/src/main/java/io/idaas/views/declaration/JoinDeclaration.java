package io.idaas.views.declaration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "one" side of a many-to-one join view: each row of the view's topic is enriched with the row of {@code topic}
 * whose primary key equals the row's {@code on} fields.
 *
 * @param topic  the DDML topic of the referenced table
 * @param on     view-topic field to referenced primary-key column, in the referenced table's key order
 * @param as     the field of the view's document that holds the referenced row
 * @param fields output name to field of the referenced row; empty means every field
 * @param inner  {@code true}: rows without a referenced row are left out; {@code false} (left join): they are kept,
 *               with {@code as} set to null
 */
public record JoinDeclaration(String topic, Map<String, String> on, String as, Map<String, String> fields, boolean inner) {

    public JoinDeclaration {
        on = Collections.unmodifiableMap(new LinkedHashMap<>(on));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
