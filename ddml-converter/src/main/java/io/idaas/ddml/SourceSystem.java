package io.idaas.ddml;

import java.util.Locale;
import java.util.Optional;

/**
 * The source systems DDML v1 names. {@link Source#system()} is a string so that events from a
 * later minor version, which may name more systems, still read; these are the v1.0 names.
 */
public enum SourceSystem {
    MYSQL, MARIADB, POSTGRESQL, MONGODB, ORACLE, SQLSERVER, DB2;

    /** Every system, each wrapped once: {@link #of} runs for every event a transform reads. */
    private static final SourceSystem[] ALL = values();
    private static final java.util.List<Optional<SourceSystem>> FOUND =
        java.util.Arrays.stream(ALL).map(Optional::of).toList();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name on the wire, e.g. {@code "postgresql"}. */
    public String wireName() {
        return wireName;
    }

    /** The system of that wire name, if v1.0 knows it. */
    public static Optional<SourceSystem> of(String wireName) {
        for (SourceSystem s : ALL) {
            if (s.wireName().equals(wireName)) {
                return FOUND.get(s.ordinal());
            }
        }
        return Optional.empty();
    }
}
