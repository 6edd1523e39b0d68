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

    /** Not in the target: the sink sent the row to its dead-letter topic with a message containing {@code reason}. */
    record RefusedBySink(String reason) implements Outcome {
        @Override
        public String toString() {
            return "refused by the sink (dead-letter topic): " + reason;
        }
    }

    /** Not in the target: ToDdml sent the source's event to the refused-values topic with a reason containing {@code reason}. */
    record RefusedBySource(String reason) implements Outcome {
        @Override
        public String toString() {
            return "refused at the source (refused-values topic): " + reason;
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

    /** What the test saw: in the target with a different value. */
    record Differs(Object source, Object target) implements Outcome {
        @Override
        public String toString() {
            return "DIFFERS: source " + source + ", target " + target;
        }
    }

    /** What the test saw: nowhere (neither in the target nor in a dead-letter or refused-values topic). */
    record Missing() implements Outcome {
        @Override
        public String toString() {
            return "MISSING";
        }
    }

    Outcome ARRIVES = new Arrives();
}
