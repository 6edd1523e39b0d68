package io.idaas.ddml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/** The DDML v1 schemas shipped as resources of this jar. */
public final class DdmlSchemas {

    /** Classpath resource of the Avro envelope schema. */
    public static final String AVRO_RESOURCE = "/io/idaas/ddml/ddml-v1.avsc";
    /** Classpath resource of the JSON Schema (2020-12). */
    public static final String JSON_SCHEMA_RESOURCE = "/io/idaas/ddml/ddml-v1.schema.json";

    private static final Schema AVRO = new Schema.Parser().parse(text(AVRO_RESOURCE));

    private DdmlSchemas() {
    }

    /** The Avro schema of every DDML v1 event, {@code io.idaas.ddml.v1.DdmlEvent}. */
    public static Schema avro() {
        return AVRO;
    }

    /** The JSON Schema of DDML v1 events, as text. */
    public static String jsonSchema() {
        return text(JSON_SCHEMA_RESOURCE);
    }

    /** The text of a resource of this jar. */
    static String text(String resource) {
        try (InputStream in = DdmlSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the ddml-converter jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
