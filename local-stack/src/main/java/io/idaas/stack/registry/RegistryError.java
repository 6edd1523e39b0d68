package io.idaas.stack.registry;

/**
 * A refusal of the embedded registry, answered as Confluent's registry does: an HTTP status and a body
 * {@code {"error_code": ..., "message": ...}}. The factories carry Confluent's error codes.
 */
final class RegistryError extends RuntimeException {

    private final int status;
    private final int errorCode;

    RegistryError(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, String version) {
        return new RegistryError(404, 40402, "Version " + version + " not found under subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(String detail) {
        return new RegistryError(404, 40403, "Schema not found" + (detail.isEmpty() ? "" : ": " + detail));
    }

    static RegistryError subjectSoftDeleted(String subject) {
        return new RegistryError(404, 40404, "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryError subjectNotSoftDeleted(String subject) {
        return new RegistryError(404, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryError versionNotSoftDeleted(String subject, int version) {
        return new RegistryError(404, 40407, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    static RegistryError subjectCompatibilityNotConfigured(String subject) {
        return new RegistryError(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError incompatible(String message) {
        return new RegistryError(409, 409, message);
    }

    static RegistryError invalidSchema(String message) {
        return new RegistryError(422, 42201, message);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibility(String level, String valid) {
        return new RegistryError(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are " + valid);
    }

    static RegistryError badRequest(String message) {
        return new RegistryError(400, 400, message);
    }

    static RegistryError storeFailed(String message) {
        return new RegistryError(500, 50001, "Error in the backend data store: " + message);
    }
}
