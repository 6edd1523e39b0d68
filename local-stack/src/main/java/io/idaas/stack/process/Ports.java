package io.idaas.stack.process;

import io.idaas.stack.StackStartException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choice for the stack's servers: a free port when none is asked for, a clear error when one is taken. */
public final class Ports {

    private Ports() {
    }

    /**
     * @param component the part that wants the port, for the error message
     * @param requested a fixed port, or 0 for any free port
     * @param option    the command-line or config option that sets this port, for the fix
     * @return {@code requested} when it is free, or a free port when {@code requested} is 0
     */
    public static int choose(String component, int requested, String option) {
        if (requested < 0 || requested > 65535) {
            throw new StackStartException(component, "port " + requested + " is not a TCP port",
                    "choose a port between 1 and 65535 with " + option + ", or 0 for a free one");
        }
        if (requested == 0) {
            return freePort();
        }
        if (!isFree(requested)) {
            String kept = KEPT.get(requested);
            throw new StackStartException(component, "port " + requested + " is taken by another process"
                    + (kept == null ? "" : " (" + kept + ")"),
                    "stop the process that listens on it (ss -ltnp 'sport = :" + requested + "' shows it), or choose another port with "
                            + option + ", or 0 for a free one" + (kept == null ? ""
                            : "; connectors stored in Kafka that name port " + requested + " then need their configs changed"));
        }
        return requested;
    }

    /**
     * Says why {@code port} is asked for again (it is kept for a data folder, {@code io.idaas.stack.KeptPorts}), so that
     * {@link #choose} can say it when the port is taken.
     */
    public static void kept(int port, String why) {
        KEPT.put(port, why);
    }

    private static final java.util.Map<Integer, String> KEPT = new java.util.concurrent.ConcurrentHashMap<>();

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks the kernel for a free ephemeral port on the loopback interface, never one this JVM was given before: the
     * servers bind their ports a little later, and parts starting in parallel (or Kafka's two listeners) must not
     * be handed the same one in between.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("the kernel gave no free TCP port on the loopback interface", e);
            }
        }
        throw new IllegalStateException("the kernel kept giving TCP ports this JVM already uses");
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
