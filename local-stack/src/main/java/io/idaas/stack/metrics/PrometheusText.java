package io.idaas.stack.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4): {@code # HELP} and {@code # TYPE} lines, and
 * samples {@code name{label="value",...} value [timestamp]}. A line that breaks the format is an error naming the line,
 * not skipped: a scrape that reads is one Prometheus reads. The Prometheus Java client has writers of the format and
 * no reader, hence this one; {@code idaas status} reads the worker's endpoint with it, and tests their endpoints.
 */
public final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: a metric name, its labels in order, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** Whether every given label has the given value. */
        public boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    /** What one scrape read: the samples in order, and each metric family's type. */
    public record Scrape(List<Sample> samples, Map<String, String> types) {

        /** The samples named {@code name}. */
        public List<Sample> named(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }

        /** The first sample named {@code name} with these labels (among others). */
        public Optional<Sample> find(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).findFirst();
        }

        /** The samples whose name starts with {@code prefix}. */
        public List<Sample> startingWith(String prefix) {
            return samples.stream().filter(s -> s.name().startsWith(prefix)).toList();
        }
    }

    private PrometheusText() {
    }

    /**
     * Reads a whole exposition.
     *
     * @throws IllegalArgumentException naming the line number and what is wrong with it
     */
    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new java.util.HashSet<>();
        Set<String> sampled = new java.util.HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    comment(line, types, helped, sampled);
                } else {
                    Sample s = sample(line);
                    samples.add(s);
                    sampled.add(family(s.name(), types));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " is not in the Prometheus text format ("
                    + e.getMessage() + "): " + (line.length() > 200 ? line.substring(0, 200) + "..." : line), e);
            }
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        return new Scrape(List.copyOf(samples), Map.copyOf(types));
    }

    /** GETs {@code url} and reads it; IOException when it does not answer 200 with the text format. */
    public static Scrape scrape(URI url, Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "text/plain;version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/plain")) {
                throw new IOException(url + " answered Content-Type '" + type + "', not the Prometheus text format (text/plain)");
            }
            return parse(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + url, e);
        } catch (IllegalArgumentException e) {
            throw new IOException(url + ": " + e.getMessage(), e);
        }
    }

    private static void comment(String line, Map<String, String> types, Set<String> helped, Set<String> sampled) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            return; // a plain comment
        }
        String name = parts[2];
        requireName(name);
        if (parts[1].equals("HELP")) {
            if (!helped.add(name)) {
                throw new IllegalArgumentException("a second HELP line for " + name);
            }
            return;
        }
        String type = parts.length == 4 ? parts[3] : "";
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown type '" + type + "'");
        }
        if (types.putIfAbsent(name, type) != null) {
            throw new IllegalArgumentException("a second TYPE line for " + name);
        }
        if (sampled.contains(name)) {
            throw new IllegalArgumentException("the TYPE line of " + name + " comes after its samples");
        }
    }

    /** The family a sample belongs to: a histogram's or summary's _bucket, _sum, _count belong to their base name. */
    private static String family(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type)) {
                    return base;
                }
            }
        }
        return name;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no space before the value");
        }
        String[] rest = line.substring(i + 1).trim().split(" +");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and at most a timestamp after the labels");
        }
        double value = value(rest[0]);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the timestamp '" + rest[1] + "' is not an integer");
            }
        }
        return new Sample(name, Map.copyOf(labels), value);
    }

    /** Reads {@code a="x",b="y"}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("the labels are not closed with }");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("a label without =");
            }
            String label = line.substring(i, eq);
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + label + "' is not a label name");
            }
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("the value of label " + label + " is not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= line.length()) {
                    throw new IllegalArgumentException("the value of label " + label + " is not closed");
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char next = j + 1 < line.length() ? line.charAt(j + 1) : 0;
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("the escape \\" + next + " in label " + label);
                    }
                    j += 2;
                    continue;
                }
                value.append(c);
                j++;
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("label " + label + " twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new IllegalArgumentException("expected , or } after label " + label);
            }
        }
    }

    private static double value(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the value '" + text + "' is not a number");
                }
        }
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name");
        }
    }
}
