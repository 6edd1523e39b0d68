package io.idaas.transforms.ddml.position;

import io.idaas.ddml.Position;
import io.idaas.ddml.SortablePosition;
import io.idaas.ddml.SortablePosition.Phase;
import java.util.Map;

/**
 * A source position before its index is known: the fixed-width source part, the native fields and
 * the phase; {@code index} is set when the source itself gives it (the MySQL/MariaDB row).
 *
 * @param sourcePart   the source part of the sortable position (SPEC §3.2)
 * @param nativeFields the native position fields (SPEC §3.1)
 * @param phase        snapshot read or change
 * @param index        the index when the source gives it, else null (then {@link IndexCounter} assigns one)
 */
public record SourcePosition(String sourcePart, Map<String, String> nativeFields, Phase phase, Long index) {

    /** The DDML position with {@code index}. */
    public Position toPosition(long index) {
        return Position.of(SortablePosition.of(sourcePart, phase, index), nativeFields);
    }

    /** The same position at another phase: a derived DDL event takes the part and index of the change (SPEC §7.3). */
    public static Position withPhase(Position position, Phase phase) {
        String s = position.sortable();
        int first = s.indexOf('/');
        int second = s.indexOf('/', first + 1);
        return Position.of(s.substring(0, first + 1) + phase.digit() + s.substring(second), position.nativeFields());
    }
}
