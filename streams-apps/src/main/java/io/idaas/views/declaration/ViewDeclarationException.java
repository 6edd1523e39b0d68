package io.idaas.views.declaration;

import java.util.List;

/** A declaration file that cannot be used; the message lists every problem, each naming the view, the field and the fix. */
public class ViewDeclarationException extends RuntimeException {

    private final List<String> problems;

    public ViewDeclarationException(String origin, List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the view declarations of "
                + origin + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
