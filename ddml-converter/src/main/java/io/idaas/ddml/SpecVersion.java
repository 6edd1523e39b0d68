package io.idaas.ddml;

/** The version of the DDML standard: {@code major.minor}. */
public final class SpecVersion {

    /** The version this code writes. */
    public static final String CURRENT = "1.0";
    /** The major version this code reads. */
    public static final int MAJOR = 1;

    private SpecVersion() {
    }

    /**
     * Checks that an event of {@code version} can be read: the same major version (any minor).
     *
     * @throws IllegalArgumentException otherwise
     */
    public static void requireReadable(String version) {
        if (CURRENT.equals(version) || Omitted.SPEC_VERSION.equals(version)) {
            return; // the versions this code writes: readable without parsing them again for every event
        }
        int dot = version == null ? -1 : version.indexOf('.');
        try {
            if (dot > 0 && Integer.parseInt(version.substring(0, dot)) == MAJOR
                && Integer.parseInt(version.substring(dot + 1)) >= 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("DDML spec_version '" + version + "' is not readable: this code reads " + MAJOR + ".x");
    }
}
