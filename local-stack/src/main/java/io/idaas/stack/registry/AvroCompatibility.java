package io.idaas.stack.registry;

import io.idaas.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.List;

/** Decides whether a new schema may follow a subject's earlier ones, with Avro's own {@link SchemaCompatibility}. */
final class AvroCompatibility {

    /** An earlier live version of a subject. */
    record Earlier(int version, int id, Schema schema) {
    }

    private AvroCompatibility() {
    }

    /**
     * @param earlier the subject's live versions, oldest first
     * @return one line per incompatibility; empty when {@code candidate} may follow {@code earlier} under {@code level}
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return problems;
        }
        List<Earlier> checked = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        for (Earlier old : checked) {
            if (level.backward()) {
                describe(problems, "the new schema cannot read data written with version " + old.version() + " (id " + old.id() + ")",
                        candidate, old.schema());
            }
            if (level.forward()) {
                describe(problems, "version " + old.version() + " (id " + old.id() + ") cannot read data written with the new schema",
                        old.schema(), candidate);
            }
        }
        return problems;
    }

    private static void describe(List<String> problems, String direction, Schema reader, Schema writer) {
        for (Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()) {
            String detail = switch (i.getType()) {
                case READER_FIELD_MISSING_DEFAULT_VALUE -> "the reader's field '" + i.getMessage()
                        + "' has no default value and the writer has no such field";
                default -> i.getMessage();
            };
            problems.add(direction + ": " + i.getType() + " at " + i.getLocation() + ": " + detail);
        }
    }
}
