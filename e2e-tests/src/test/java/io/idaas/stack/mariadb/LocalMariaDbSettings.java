package io.idaas.stack.mariadb;

import java.nio.file.Path;
import java.util.List;

/**
 * The options the local stack's MariaDB server starts with ({@link MariaDbOptions#serverCommand}, package-private there),
 * for the tests that hold the compose stack's MariaDB and MySQL to the same change-capture settings.
 */
public final class LocalMariaDbSettings {

    private LocalMariaDbSettings() {
    }

    /** The {@code mariadbd} command line of a local-stack server (placeholder folders, port 3306), program name first. */
    public static List<String> serverCommand() {
        return new MariaDbOptions(Path.of("/basedir"), Path.of("/datadir"), 3306, Path.of("/run/mariadb.sock"),
                Path.of("/run/mariadb.pid"), "mysql", List.of()).serverCommand();
    }
}
