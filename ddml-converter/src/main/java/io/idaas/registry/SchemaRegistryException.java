package io.idaas.registry;

/**
 * The schema registry refused a request, or could not be reached. Carries the HTTP status, the registry's own
 * {@code error_code} and message, and the subject concerned, and names them all in its message, for example:
 * {@code schema registry refused subject 'orders-value' (register a schema): HTTP 409 (error 409): Schema being
 * registered is incompatible with an earlier schema ...}.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent's error code for an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code for an unknown version of a subject. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent's error code for an unknown schema (by id, or under a subject). */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent's error code for a subject without a compatibility level of its own. */
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** Confluent's error code (and HTTP status) for a schema incompatible with earlier ones. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent's error code for an invalid schema. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent's error code for a version that is neither a positive number nor {@code latest}. */
    public static final int INVALID_VERSION = 42202;
    /** Confluent's error code for an unknown compatibility level. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** Status and error code of this client when the registry did not answer. */
    public static final int UNREACHABLE = -1;

    private final int status;
    private final int errorCode;
    private final String registryMessage;
    private final String subject;

    /**
     * @param operation       what the client was doing, e.g. {@code register a schema}
     * @param subject         the subject concerned, or null
     * @param status          the HTTP status, or {@link #UNREACHABLE}
     * @param errorCode       the registry's {@code error_code}, or the HTTP status when the body held none
     * @param registryMessage the registry's {@code message}, or the body, or the cause when unreachable
     */
    public SchemaRegistryException(String operation, String subject, int status, int errorCode, String registryMessage, Throwable cause) {
        super(describe(operation, subject, status, errorCode, registryMessage), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
        this.subject = subject;
    }

    private static String describe(String operation, String subject, int status, int errorCode, String message) {
        String what = subject == null ? "" : " subject '" + subject + "'";
        if (status == UNREACHABLE) {
            return "schema registry did not answer" + (subject == null ? "" : " for" + what) + " (" + operation + "): " + message
                    + ". Fix: check the registry's URL and that it runs";
        }
        return "schema registry refused" + what + " (" + operation + "): HTTP " + status + " (error " + errorCode + "): " + message;
    }

    /** The HTTP status, or {@link #UNREACHABLE}. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, such as {@link #SUBJECT_NOT_FOUND}; the HTTP status when it sent none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message. */
    public String registryMessage() {
        return registryMessage;
    }

    /** The subject concerned, or null. */
    public String subject() {
        return subject;
    }
}
