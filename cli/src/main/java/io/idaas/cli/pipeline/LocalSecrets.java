package io.idaas.cli.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Connect's {@code ${env:VAR}} and {@code ${file:/path:key}} references in this process, for the few things
 * the CLI itself connects to (the verifier, dropping a replication slot), as Kafka's {@code EnvVarConfigProvider} and
 * {@code FileConfigProvider} do in the worker. Connector configs keep the references.
 */
public final class LocalSecrets {

    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private LocalSecrets() {
    }

    /** {@code value} with every env and file reference replaced by what it names. */
    public static String resolve(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = m.group(1).equals("env") ? env(m.group(2)) : file(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalArgumentException("${env:" + name + "}: the environment variable " + name
                    + " is not set here; set it for this command as for the Connect worker");
        }
        return v;
    }

    private static String file(String pathAndKey) {
        int colon = pathAndKey.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("${file:" + pathAndKey + "}: write ${file:/path/secrets.properties:key}");
        }
        Path path = Path.of(pathAndKey.substring(0, colon));
        String key = pathAndKey.substring(colon + 1);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("${file:" + pathAndKey + "}: cannot read " + path + " here: " + e.getMessage());
        }
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("${file:" + pathAndKey + "}: " + path + " has no key " + key);
        }
        return v;
    }
}
