package io.idaas.ddml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads SPEC.md and the examples it holds. */
final class SpecExamples {

    private static final Pattern EXAMPLE = Pattern.compile("```json ddml-example\\n(.*?)\\n```", Pattern.DOTALL);

    private SpecExamples() {
    }

    static String specText() {
        try {
            return Files.readString(Path.of("SPEC.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("SPEC.md must be in the module directory", e);
        }
    }

    /** The examples, each as {@code [title, json]}, titles taken from the nearest heading above. */
    static List<String[]> examples() {
        String spec = specText();
        List<String[]> out = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(spec);
        while (m.find()) {
            String before = spec.substring(0, m.start());
            int h = before.lastIndexOf("\n### ");
            String title = h < 0 ? "example " + out.size() : before.substring(h + 5, before.indexOf('\n', h + 1));
            out.add(new String[] {title, m.group(1)});
        }
        return out;
    }
}
