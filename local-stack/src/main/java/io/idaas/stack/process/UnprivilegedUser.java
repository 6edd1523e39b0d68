package io.idaas.stack.process;

import io.idaas.stack.StackStartException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Servers that refuse to run as root (PostgreSQL's initdb and postgres) are started, when this JVM runs as
 * root, as an unprivileged user through util-linux's {@code setpriv}; the user is {@code nobody} unless the
 * {@code IDAAS_SERVER_USER} environment variable names another. When not root, commands run as they are.
 */
public final class UnprivilegedUser {

    private final String user;
    private final String group;

    private UnprivilegedUser(String user, String group) {
        this.user = user;
        this.group = group;
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The user servers drop to, or null when this JVM is not root and nothing needs dropping. */
    public static UnprivilegedUser forServers(String component) {
        if (!runningAsRoot()) {
            return null;
        }
        String user = System.getenv().getOrDefault("IDAAS_SERVER_USER", "nobody");
        String group = groupOf(component, user);
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv")) && !Files.isExecutable(Path.of("/bin/setpriv"))) {
            throw new StackStartException(component, "it refuses to run as root, and setpriv (util-linux) is not installed to drop to user " + user,
                    "run idaas as an ordinary user, or install util-linux (apt-get install util-linux)");
        }
        return new UnprivilegedUser(user, group);
    }

    private static String groupOf(String component, String user) {
        try {
            Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes()).trim();
            if (id.waitFor() != 0) {
                throw new StackStartException(component, "it refuses to run as root, and the user '" + user + "' to drop to does not exist",
                        "create it (useradd --system " + user + "), or set IDAAS_SERVER_USER to an existing unprivileged user, or run idaas as an ordinary user");
            }
            return out;
        } catch (IOException e) {
            throw new StackStartException(component, "cannot look up user " + user + ": " + e.getMessage(), "run idaas as an ordinary user", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException(component, "interrupted", "start again");
        }
    }

    public String user() {
        return user;
    }

    /** {@code command}, prefixed so that it runs as this user. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives this user every file under {@code dir} (its data folder). */
    public void own(Path dir) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(ownerGroup);
            }
        }
    }

    /**
     * True when this user can reach {@code dir}: every folder above it is searchable by others.
     * A data folder under /root, for instance, is not, and must move elsewhere.
     */
    public static boolean reachableByOthers(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
