package io.idaas.connect.sink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version, written by the build into {@code version.properties}. */
public final class Version {

    private static final String VERSION = read();

    private Version() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a built jar. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
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
