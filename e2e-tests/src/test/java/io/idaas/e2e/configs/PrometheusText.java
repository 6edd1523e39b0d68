package io.idaas.e2e.configs;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric names of a scrape in Prometheus' text format (version 0.0.4), read strictly enough to catch a garbled one. */
final class PrometheusText {

    /** A sample line: a name, optional labels, a value (a float, NaN or +/-Inf), an optional timestamp. */
    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? "
            + "(-?[0-9.eE+-]+|NaN|[+-]Inf)( -?[0-9]+)?");

    private PrometheusText() {
    }

    static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: " + line).isTrue();
            names.add(sample.group(1));
        }
        return names;
    }
}
