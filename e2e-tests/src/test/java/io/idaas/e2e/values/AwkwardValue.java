package io.idaas.e2e.values;

import io.idaas.e2e.pipeline.Direction;
import io.idaas.e2e.pipeline.Target;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One awkward value: a column of the source table, the SQL literal that writes it, and what must become of it per
 * direction and phase (it arrives, unless a rule below says otherwise).
 */
final class AwkwardValue {

    private static final Set<Phase> ALL = EnumSet.allOf(Phase.class);

    private final AwkwardColumn column;
    private final String literal;
    private final List<BiFunction<Direction, Phase, Outcome>> rules = new ArrayList<>();

    AwkwardValue(AwkwardColumn column, String literal) {
        this.column = column;
        this.literal = literal;
    }

    AwkwardColumn column() {
        return column;
    }

    String literal() {
        return literal;
    }

    /** Refused by the sink of these targets, with a dead-letter message containing {@code reason}. */
    AwkwardValue refusedBy(Set<Target> targets, String reason) {
        return refusedBy(targets, ALL, reason);
    }

    AwkwardValue refusedBy(Set<Target> targets, Set<Phase> phases, String reason) {
        rules.add((d, p) -> targets.contains(d.target) && phases.contains(p) ? new Outcome.RefusedBySink(reason) : null);
        return this;
    }

    /**
     * Not carried by the producer (ToDdml writes the change without its rows), in every direction: dead-lettered by the
     * sink naming the column, with a reason containing {@code reason}.
     */
    AwkwardValue refusedAtSource(String reason) {
        return refusedAtSource(ALL, reason);
    }

    AwkwardValue refusedAtSource(Set<Phase> phases, String reason) {
        rules.add((d, p) -> phases.contains(p) ? new Outcome.RefusedBySource(column.name(), reason) : null);
        return this;
    }

    /**
     * Changed by the source connector before idaas sees it, in every direction: the target holds {@code target} (SQL
     * text as {@link ValueKind} reads it; null for NULL).
     */
    AwkwardValue changedBySource(String target, String documented) {
        return changedBySource(ALL, target, documented);
    }

    AwkwardValue changedBySource(Set<Phase> phases, String target, String documented) {
        rules.add((d, p) -> phases.contains(p) ? new Outcome.Changed(normalized(target), "changed by the source connector: "
            + documented) : null);
        return this;
    }

    /** Held by these targets as {@code target}, a value equal to the source's in SQL but not the same (-0 as 0). */
    AwkwardValue heldAs(Set<Target> targets, String target, String documented) {
        rules.add((d, p) -> targets.contains(d.target) ? new Outcome.Changed(normalized(target), "held by the target as an SQL-equal "
            + "value: " + documented) : null);
        return this;
    }

    private Object normalized(String text) {
        return text == null ? null : column.kind().normalize(text);
    }

    /** What must become of the value in {@code direction} through {@code phase}: the first rule that speaks, else it arrives. */
    Outcome expected(Direction direction, Phase phase) {
        for (BiFunction<Direction, Phase, Outcome> rule : rules) {
            Outcome o = rule.apply(direction, phase);
            if (o != null) {
                return o;
            }
        }
        return Outcome.ARRIVES;
    }

    @Override
    public String toString() {
        return column.name() + " " + column.nativeType() + " = " + (literal.length() > 60 ? literal.substring(0, 60) + "..." : literal);
    }
}
