package io.idaas.examples;

/** The examples' version: the jar manifest's {@code Implementation-Version}, which the build writes. */
public final class ExampleVersion {

    private ExampleVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a built jar (unit tests on target/classes). */
    public static String get() {
        String v = ExampleVersion.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
