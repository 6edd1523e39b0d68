package io.idaas.e2e.values;

/** What became of one awkward value on its way from the source table to the target table. */
sealed interface Outcome {

    /** In the target, equal to the source's value as {@link ValueKind} compares them. */
    record Arrives() implements Outcome {
        @Override
        public String toString() {
            return "arrives";
        }
    }

    /**
     * Expected: the sink refused the change, whose event carried the value (the target cannot hold it): in the sink's
     * dead-letter topic with a message containing {@code reason}, and the target row as it was before the change.
     */
    record RefusedBySink(String reason) implements Outcome {
        @Override
        public String toString() {
            return "refused by the sink (dead-letter topic, target row as it was): " + reason;
        }
    }

    /**
     * Expected: the producer (ToDdml) could not carry the value, so it wrote the change without its rows
     * ({@code dml.omitted}, {@code unrepresentable_value}, SPEC.md section 6.1), and the sink dead-lettered it with a
     * message naming {@code column} and containing {@code reason}; the target row as it was before the change.
     */
    record RefusedBySource(String column, String reason) implements Outcome {
        @Override
        public String toString() {
            return "not carried by the producer (dead-letter topic, target row as it was): column " + column + ": " + reason;
        }
    }

    /**
     * In the target with another value, {@code target} as {@link ValueKind} normalizes it (null: SQL NULL), for the
     * documented reason: the source connector (Debezium) changed it before idaas saw it, and nothing downstream can tell,
     * or the target holds an SQL-equal value (-0 as 0).
     */
    record Changed(Object target, String documented) implements Outcome {
        @Override
        public String toString() {
            return "held as " + target + " (" + documented + ")";
        }
    }

    /**
     * What the test saw: the change in the sink's dead-letter topic with {@code message}; {@code targetAsBefore} when
     * the target row is as it was before the change (no row, for an insert or a snapshot read).
     */
    record DeadLettered(String message, boolean targetAsBefore) implements Outcome {
        @Override
        public String toString() {
            return "dead-lettered (" + (targetAsBefore ? "target row as it was" : "TARGET ROW CHANGED") + "): " + message;
        }
    }

    /** What the test saw: in the target with a different value. */
    record Differs(Object source, Object target) implements Outcome {
        @Override
        public String toString() {
            return "DIFFERS: source " + source + ", target " + target;
        }
    }

    /** What the test saw: the change is nowhere (neither in the target nor in the dead-letter topic). */
    record Missing() implements Outcome {
        @Override
        public String toString() {
            return "MISSING";
        }
    }

    Outcome ARRIVES = new Arrives();
}
