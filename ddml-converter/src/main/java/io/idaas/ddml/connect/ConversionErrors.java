package io.idaas.ddml.connect;

import io.idaas.registry.SchemaRegistryException;
import io.idaas.registry.WireFormatException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The {@link DataException}s of {@link DdmlConverter}: each names the topic, whether the key or the value failed,
 * the format, the cause (for registry refusals the registry's message and the subject) and the fix. Connect adds
 * the partition and offset when it logs the failure or sends the record to a dead-letter topic.
 *
 * <p>A registry that cannot be reached or answers with a server error (5xx) is a passing failure, not bad data: it is a
 * {@link RetriableException}, which Connect retries for {@code errors.retry.timeout} (with
 * {@code errors.retry.delay.max.ms} between tries) instead of failing the task or dead-lettering the record.
 */
final class ConversionErrors {

    private static final String DLQ = "; to keep going past such records, set errors.tolerance=all and "
            + "errors.deadletterqueue.topic.name";

    private ConversionErrors() {
    }

    /** {@code fromConnectData} failed. */
    static ConnectException writing(String topic, boolean isKey, DdmlFormat format, RuntimeException cause) {
        String what = "DdmlConverter cannot write the " + part(isKey) + " for topic '" + topic + "' as DDML " + format.id();
        if (isPassing(cause)) {
            return passing(what, cause);
        }
        return new DataException(what + ": " + cause.getMessage() + fix(writeFix(isKey, cause), cause), cause);
    }

    /** {@code toConnectData} failed. */
    static ConnectException reading(String topic, boolean isKey, DdmlFormat format, byte[] bytes, RuntimeException cause) {
        String what = "DdmlConverter cannot read the " + part(isKey) + " of a record of topic '" + topic + "' as DDML " + format.id();
        if (isPassing(cause)) {
            return passing(what, cause);
        }
        return new DataException(what + ": " + cause.getMessage() + fix(readFix(isKey, format, bytes, cause), cause), cause);
    }

    /** The registry is unreachable or failed on its side: the same request may succeed later. */
    static boolean isPassing(RuntimeException cause) {
        return cause instanceof SchemaRegistryException e
                && (e.status() == SchemaRegistryException.UNREACHABLE || e.status() >= 500);
    }

    private static RetriableException passing(String what, RuntimeException cause) {
        return new RetriableException(what + ": " + cause.getMessage() + ". The schema registry is down or failing, "
                + "which may pass: Connect retries this for errors.retry.timeout (default 0, no retry); set it (e.g. "
                + "errors.retry.timeout=600000) so that an outage of the registry waits instead of failing the task", cause);
    }

    private static String part(boolean isKey) {
        return isKey ? "key" : "value";
    }

    private static String fix(String fix, RuntimeException cause) {
        String message = String.valueOf(cause.getMessage());
        return message.contains("Fix:") ? "" : ". Fix: " + fix;
    }

    private static String writeFix(boolean isKey, RuntimeException cause) {
        if (cause instanceof SchemaRegistryException e) {
            return registryFix(e, true);
        }
        if (cause instanceof IllegalStateException) {
            return "make the DDML envelope the subject's latest version, or set use.latest.version=false";
        }
        String wrapper = " (or run the connector wrapped by io.idaas.transforms.ddml.source.DdmlSourceConnector)";
        return isKey ? "put the ToDdml transform before this converter" + wrapper + ", so that the key is a DDML key row "
                + "(a Map of column values, SPEC.md section 9)"
                : "put the ToDdml transform before this converter" + wrapper + ", so that the value is a DDML event (the "
                + "Map tree of its DDML JSON, or a DdmlEvent)";
    }

    private static String readFix(boolean isKey, DdmlFormat format, byte[] bytes, RuntimeException cause) {
        if (cause instanceof SchemaRegistryException e) {
            return registryFix(e, false);
        }
        boolean framed = bytes.length >= 5 && bytes[0] == 0;
        boolean jsonLike = bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[');
        if (format == DdmlFormat.AVRO && jsonLike) {
            return "the record holds JSON: read this topic with ddml.format=json, or make its producer write DDML Avro" + DLQ;
        }
        if (format == DdmlFormat.JSON && framed) {
            return "the record looks like Confluent-framed Avro: read this topic with ddml.format=avro" + DLQ;
        }
        if (cause instanceof WireFormatException) {
            return "the record is not whole DDML Avro in the Confluent wire format (cut short, or written by another "
                    + "producer): produce this topic with DdmlConverter (ddml.format=avro)" + DLQ;
        }
        return "produce this topic's " + part(isKey) + "s with the ToDdml transform and DdmlConverter (ddml.format="
                + format.id() + "), or read it with the converter that wrote it" + DLQ;
    }

    private static String registryFix(SchemaRegistryException e, boolean writing) {
        String subject = e.subject() == null ? "the subject" : "subject '" + e.subject() + "'";
        return switch (e.errorCode()) {
            case SchemaRegistryException.INCOMPATIBLE_SCHEMA -> "the compatibility level of " + subject + " refuses the DDML "
                    + "envelope after its earlier versions: give DDML a subject of its own (key/value.subject.name.strategy), "
                    + "or change the subject's compatibility level (PUT /config/{subject}) or delete its old versions";
            case SchemaRegistryException.SUBJECT_NOT_FOUND, SchemaRegistryException.SCHEMA_NOT_FOUND -> writing
                    ? "register the DDML schema under " + subject + ", or set auto.register.schemas=true"
                    : "point schema.registry.url at the registry that the producer of this topic used";
            case SchemaRegistryException.INVALID_SCHEMA -> "the registry does not take the DDML Avro schema; check that "
                    + "schema.registry.url is a Confluent-API registry that supports Avro";
            default -> "check schema.registry.url and the registry's log";
        };
    }
}
