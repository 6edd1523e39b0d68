package io.idaas.ddml;

/**
 * When a change happened and travelled; microseconds since 1970-01-01T00:00:00Z.
 *
 * @param commitUs  the commit time at the source; null when the source gives none
 * @param captureUs when the capture (e.g. the Debezium connector) read the change
 * @param emitUs    when the DDML event was made
 */
public record Timing(Long commitUs, long captureUs, long emitUs) {

    /** A timing. */
    public static Timing of(Long commitUs, long captureUs, long emitUs) {
        return new Timing(commitUs, captureUs, emitUs);
    }
}
