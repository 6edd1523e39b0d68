package io.idaas.stack.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the embedded registry knows, as written to its state file: the schemas by id, the subjects with their
 * versions, and the compatibility levels. Mutable; {@link SchemaStore} guards it.
 */
final class RegistryState {

    /** The file's format, for a later change of it. */
    public int format = 1;
    /** The highest id given so far; ids are never reused. */
    public int lastId;
    /** The global compatibility level. */
    public String compatibility = "BACKWARD";
    /** Every schema ever registered, by id, in Avro's canonical text. */
    public Map<Integer, String> schemas = new TreeMap<>();
    /** The subjects, in the order they were first used. */
    public Map<String, Subject> subjects = new LinkedHashMap<>();

    /** One subject: its versions (soft-deleted ones included) and its own compatibility level, if set. */
    static final class Subject {
        public String compatibility;
        public List<Version> versions = new ArrayList<>();
    }

    /** One version of a subject. */
    static final class Version {
        public int version;
        public int id;
        public boolean deleted;

        Version() {
        }

        Version(int version, int id) {
            this.version = version;
            this.id = id;
        }
    }
}
