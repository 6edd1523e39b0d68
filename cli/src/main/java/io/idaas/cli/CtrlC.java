package io.idaas.cli;

/**
 * Makes Ctrl-C (SIGINT) stop a long-running command even when the JVM was started with SIGINT ignored: a shell
 * without job control (a script's {@code cmd &}, some CI runners) starts background commands that way, the JVM then
 * leaves SIGINT alone, and Ctrl-C or {@code kill -INT} would do nothing. The handler exits with 130, as a shell does
 * for SIGINT, which runs the shutdown hooks.
 */
final class CtrlC {

    private CtrlC() {
    }

    static void exitOnInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(130));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGINT on this platform, or the JVM reserves it (-Xrs): the JVM's own handling stays.
        }
    }
}
