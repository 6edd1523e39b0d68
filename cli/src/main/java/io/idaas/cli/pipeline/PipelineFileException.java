package io.idaas.cli.pipeline;

import java.util.List;

/** A pipeline file that cannot be used, with every problem found: each names where it is and what to write. */
public final class PipelineFileException extends IllegalArgumentException {

    private final List<String> problems;

    public PipelineFileException(String file, List<String> problems) {
        super(file + " is not a valid pipeline file:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
