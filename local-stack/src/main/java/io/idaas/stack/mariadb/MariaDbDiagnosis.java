package io.idaas.stack.mariadb;

import io.idaas.stack.StackStartException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the generic start failures of {@code ManagedProcess} into ones that say what to do about MariaDB. */
final class MariaDbDiagnosis {

    private static final Pattern MISSING_LIBRARY = Pattern.compile("a shared library is missing: (\\S+)");

    /** The shared libraries a MariaDB server build may link against, and the Debian package of each. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("libaio.so.1", "libaio1 (libaio1t64 on Debian 13 and Ubuntu 24.04)"),
            Map.entry("liburing.so.2", "liburing2"),
            Map.entry("libncurses.so.6", "libncurses6"),
            Map.entry("libncursesw.so.6", "libncursesw6"),
            Map.entry("libtinfo.so.6", "libtinfo6"),
            Map.entry("libssl.so.3", "libssl3 (libssl3t64 on Debian 13 and Ubuntu 24.04)"),
            Map.entry("libcrypto.so.3", "libssl3 (libssl3t64 on Debian 13 and Ubuntu 24.04)"),
            Map.entry("libcrypt.so.1", "libcrypt1"),
            Map.entry("libsystemd.so.0", "libsystemd0"),
            Map.entry("libstdc++.so.6", "libstdc++6"),
            Map.entry("libgcc_s.so.1", "libgcc-s1"),
            Map.entry("libz.so.1", "zlib1g"),
            Map.entry("libnuma.so.1", "libnuma1"),
            Map.entry("libpcre2-8.so.0", "libpcre2-8-0"),
            Map.entry("libgcrypt.so.20", "libgcrypt20"),
            Map.entry("libcap.so.2", "libcap2"),
            Map.entry("liblz4.so.1", "liblz4-1"),
            Map.entry("liblzma.so.5", "liblzma5"),
            Map.entry("libzstd.so.1", "libzstd1"));

    private MariaDbDiagnosis() {
    }

    /** A clearer exception for {@code failure} when its cause is known, else {@code failure} itself. */
    static StackStartException explain(StackStartException failure, int port, java.nio.file.Path datadir) {
        String component = failure.component();
        String problem = failure.problem() == null ? "" : failure.problem();
        Matcher missing = MISSING_LIBRARY.matcher(problem);
        if (missing.find()) {
            String library = missing.group(1);
            String pkg = DEBIAN_PACKAGES.get(library);
            return new StackStartException(component, problem,
                    pkg != null ? "install the Debian or Ubuntu package " + pkg + ": apt-get install " + pkg.split(" ")[0]
                            : failure.fix(), failure);
        }
        if (problem.contains("Address already in use")) {
            return new StackStartException(component, "port " + port + " is taken by another process (it was free a moment before)",
                    "stop the process that listens on it (ss -ltnp 'sport = :" + port + "' shows it), or choose another port with --port mariadb=N, or 0 for a free one",
                    failure);
        }
        if (problem.contains("Unable to lock")) {
            return new StackStartException(component, "another MariaDB server is using the data folder " + datadir,
                    "stop that server (ps -ef | grep mariadbd shows it), or give this one another data folder with --data-dir", failure);
        }
        return failure;
    }
}
