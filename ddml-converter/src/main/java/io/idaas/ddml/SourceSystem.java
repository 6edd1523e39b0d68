package io.idaas.ddml;

import java.util.Locale;
import java.util.Optional;

/**
 * The source systems DDML v1 names. {@link Source#system()} is a string so that events from a
 * later minor version, which may name more systems, still read; these are the v1.0 names.
 */
public enum SourceSystem {
    MYSQL, MARIADB, POSTGRESQL, MONGODB, ORACLE, SQLSERVER, DB2;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name on the wire, e.g. {@code "postgresql"}. */
    public String wireName() {
        return wireName;
    }

    /** The system of that wire name, if v1.0 knows it. */
    public static Optional<SourceSystem> of(String wireName) {
        for (SourceSystem s : values()) {
            if (s.wireName().equals(wireName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
