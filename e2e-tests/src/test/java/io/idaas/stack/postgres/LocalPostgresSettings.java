package io.idaas.stack.postgres;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line the local stack's PostgreSQL starts with ({@code PostgresServer.postgresCommand}, private there:
 * read by reflection, so a renamed method fails here loudly rather than letting the compose file drift), for the tests
 * that hold the compose stack's PostgreSQL to the same settings.
 */
public final class LocalPostgresSettings {

    private LocalPostgresSettings() {
    }

    /** The {@code postgres} command line of a local-stack server (placeholder folders, port 5432), program name first. */
    @SuppressWarnings("unchecked")
    public static List<String> serverCommand() throws ReflectiveOperationException {
        PostgresServer server = new PostgresServer(Path.of("/data"), 5432);
        Method command = PostgresServer.class.getDeclaredMethod("postgresCommand", Path.class, int.class);
        command.setAccessible(true);
        return (List<String>) command.invoke(server, Path.of("/home"), 5432);
    }
}
