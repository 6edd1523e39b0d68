package io.idaas.stack.registry;

import io.idaas.registry.CompatibilityLevel;
import io.idaas.stack.registry.RegistryState.Subject;
import io.idaas.stack.registry.RegistryState.Version;
import org.apache.avro.Schema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The embedded registry's rules over its {@link RegistryState}: registry-wide ids, one per distinct schema; versions
 * per subject; compatibility checks; soft and permanent deletes. Every change is saved to the state file before it
 * is answered, and undone in memory when the save fails. Methods throw {@link RegistryError} with Confluent's codes.
 * Thread-safe: one lock, which is plenty for a local registry.
 */
final class SchemaStore {

    /** A version of a subject, with its schema's canonical text. */
    record Found(String subject, int id, int version, String schema) {
    }

    private final RegistryStateFile file;
    private RegistryState state;
    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<Integer, Schema> parsed = new ConcurrentHashMap<>();

    SchemaStore(RegistryStateFile file) throws IOException {
        this.file = file;
        this.state = file.load();
        index();
    }

    private void index() {
        idsByCanonicalSchema.clear();
        state.schemas.forEach((id, text) -> idsByCanonicalSchema.put(text, id));
    }

    /** Registers {@code schemaText} under {@code subject}, or returns the id it has there already. */
    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        Integer knownId = idsByCanonicalSchema.get(canonical);
        List<Version> live = live(subject);
        for (Version v : live) {
            if (knownId != null && v.id == knownId) {
                return knownId;
            }
        }
        CompatibilityLevel level = effectiveLevel(subject);
        List<String> problems = AvroCompatibility.problems(level, schema, earlier(live));
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible("Schema being registered is incompatible with an earlier schema for subject \"" + subject
                    + "\" (compatibility " + level + "), details: [" + String.join("; ", problems) + "]");
        }
        return mutate(() -> {
            int id = knownId != null ? knownId : ++state.lastId;
            if (knownId == null) {
                state.schemas.put(id, canonical);
                idsByCanonicalSchema.put(canonical, id);
            }
            Subject s = state.subjects.computeIfAbsent(subject, k -> new Subject());
            int version = s.versions.stream().mapToInt(v -> v.version).max().orElse(0) + 1;
            s.versions.add(new Version(version, id));
            return id;
        });
    }

    /** The version of {@code subject} that holds {@code schemaText}. */
    synchronized Found lookup(String subject, String schemaText, boolean includeDeleted) {
        String canonical = parse(schemaText).toString();
        List<Version> versions = includeDeleted ? all(subject) : live(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        Integer id = idsByCanonicalSchema.get(canonical);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (id != null && versions.get(i).id == id) {
                return found(subject, versions.get(i));
            }
        }
        throw RegistryError.schemaNotFound("it is not registered under subject '" + subject + "'");
    }

    /** The canonical text of the schema with this id; ids stay readable after their subjects are deleted. */
    synchronized String schemaById(int id) {
        String text = state.schemas.get(id);
        if (text == null) {
            throw RegistryError.schemaNotFound("no schema has id " + id);
        }
        return text;
    }

    /** Subject and version of every use of schema {@code id}. */
    synchronized List<Found> usesOf(int id) {
        schemaById(id);
        List<Found> uses = new ArrayList<>();
        state.subjects.forEach((name, s) -> s.versions.stream().filter(v -> v.id == id && !v.deleted).forEach(v -> uses.add(found(name, v))));
        return uses;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        state.subjects.forEach((name, s) -> {
            if (!(includeDeleted ? all(name) : live(name)).isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        List<Version> versions = includeDeleted ? all(subject) : live(subject);
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions.stream().map(v -> v.version).toList();
    }

    /** Version {@code spec} (a number, {@code latest} or {@code -1}) of {@code subject}. */
    synchronized Found version(String subject, String spec, boolean includeDeleted) {
        return found(subject, find(subject, spec, includeDeleted ? all(subject) : live(subject)));
    }

    /** Soft-deletes every live version of {@code subject}, or, when {@code permanent}, forgets its soft-deleted ones. */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Version> live = live(subject);
        List<Version> all = all(subject);
        if (all.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (!permanent) {
            if (live.isEmpty()) {
                throw RegistryError.subjectSoftDeleted(subject);
            }
            return mutate(() -> {
                live.forEach(v -> v.deleted = true);
                return live.stream().map(v -> v.version).toList();
            });
        }
        if (!live.isEmpty()) {
            throw RegistryError.subjectNotSoftDeleted(subject);
        }
        return mutate(() -> {
            state.subjects.get(subject).versions.clear();
            if (state.subjects.get(subject).compatibility == null) {
                state.subjects.remove(subject);
            }
            return all.stream().map(v -> v.version).toList();
        });
    }

    /** Soft-deletes one version, or, when {@code permanent}, forgets a soft-deleted one. */
    synchronized int deleteVersion(String subject, String spec, boolean permanent) {
        if (!permanent) {
            Version v = find(subject, spec, live(subject));
            return mutate(() -> {
                v.deleted = true;
                return v.version;
            });
        }
        Version v = find(subject, spec, all(subject));
        if (!v.deleted) {
            throw RegistryError.versionNotSoftDeleted(subject, v.version);
        }
        return mutate(() -> {
            state.subjects.get(subject).versions.remove(v);
            return v.version;
        });
    }

    synchronized CompatibilityLevel globalLevel() {
        return CompatibilityLevel.parse(state.compatibility);
    }

    synchronized void setGlobalLevel(CompatibilityLevel level) {
        mutate(() -> state.compatibility = level.name());
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        Subject s = state.subjects.get(subject);
        return s == null || s.compatibility == null ? Optional.empty() : Optional.of(CompatibilityLevel.parse(s.compatibility));
    }

    synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        mutate(() -> state.subjects.computeIfAbsent(subject, k -> new Subject()).compatibility = level.name());
    }

    /** Removes the level set on {@code subject}, which then follows the global one; returns the removed level. */
    synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
        CompatibilityLevel previous = subjectLevel(subject).orElseThrow(() -> RegistryError.subjectCompatibilityNotConfigured(subject));
        mutate(() -> state.subjects.get(subject).compatibility = null);
        return previous;
    }

    /**
     * Why {@code schemaText} could not follow {@code subject}: against version {@code spec}, or, when it is null,
     * against the versions the subject's level names. Empty when it could.
     */
    synchronized List<String> compatibilityProblems(String subject, String spec, String schemaText) {
        Schema schema = parse(schemaText);
        List<Version> live = live(subject);
        if (spec == null) {
            return AvroCompatibility.problems(effectiveLevel(subject), schema, earlier(live));
        }
        Version v = find(subject, spec, live);
        return AvroCompatibility.problems(effectiveLevel(subject), schema, earlier(List.of(v)));
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    private List<AvroCompatibility.Earlier> earlier(List<Version> versions) {
        return versions.stream().map(v -> new AvroCompatibility.Earlier(v.version, v.id, schemaOf(v.id))).toList();
    }

    private Schema schemaOf(int id) {
        return parsed.computeIfAbsent(id, k -> new Schema.Parser().parse(state.schemas.get(k)));
    }

    private Version find(String subject, String spec, List<Version> versions) {
        boolean latest = "latest".equals(spec) || "-1".equals(spec);
        int wanted = 0;
        if (!latest) {
            try {
                wanted = Integer.parseInt(spec);
            } catch (NumberFormatException e) {
                throw RegistryError.invalidVersion(spec);
            }
            if (wanted < 1) {
                throw RegistryError.invalidVersion(spec);
            }
        }
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (latest) {
            return versions.get(versions.size() - 1);
        }
        for (Version v : versions) {
            if (v.version == wanted) {
                return v;
            }
        }
        throw RegistryError.versionNotFound(subject, spec);
    }

    private List<Version> all(String subject) {
        Subject s = state.subjects.get(subject);
        return s == null ? List.of() : List.copyOf(s.versions);
    }

    private List<Version> live(String subject) {
        return all(subject).stream().filter(v -> !v.deleted).toList();
    }

    private Found found(String subject, Version v) {
        return new Found(subject, v.id, v.version, state.schemas.get(v.id));
    }

    /** Applies a change and saves it; when the save fails, puts the state back as it was and answers 500 (50001). */
    private <T> T mutate(Supplier<T> change) {
        byte[] before = RegistryStateFile.bytes(state);
        try {
            T result = change.get();
            file.save(state);
            return result;
        } catch (IOException e) {
            try {
                state = RegistryStateFile.read(before);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            index();
            throw RegistryError.storeFailed("cannot save " + file.path() + ": " + e);
        }
    }

    private static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("Invalid schema: the request has no schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw RegistryError.invalidSchema("Invalid schema " + abbreviate(text) + ", details: " + e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
