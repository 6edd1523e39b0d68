package io.idaas.transforms.ddml;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The idaas version, written by the build into {@code version.properties}. */
public final class Versions {

    private static final String VERSION = read();

    private Versions() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a built jar. */
    public static String version() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/idaas/transforms/ddml/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
