package io.idaas.stack;

/**
 * A part of the local stack could not start. The message always names the part, the problem and the fix,
 * for example: {@code postgres did not start: port 5432 is taken by another process. Fix: stop that
 * process, or pass --port postgres=0 for a free port.}
 */
public class StackStartException extends RuntimeException {

    private final String component;
    private final String problem;
    private final String fix;

    public StackStartException(String component, String problem, String fix) {
        this(component, problem, fix, null);
    }

    public StackStartException(String component, String problem, String fix, Throwable cause) {
        super(component + " did not start: " + problem + (fix == null || fix.isBlank() ? "" : "\nFix: " + fix), cause);
        this.component = component;
        this.problem = problem;
        this.fix = fix;
    }

    /** The part of the stack that failed, as named in {@link Component#id()}. */
    public String component() {
        return component;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
