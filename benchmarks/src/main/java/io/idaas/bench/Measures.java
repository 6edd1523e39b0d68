package io.idaas.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Figures every benchmark reports the same way. */
public final class Measures {

    private Measures() {
    }

    /** The p-quantile (0..1) of sorted values, by linear interpolation between the closest ranks (PostgreSQL's percentile_cont). */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /** This machine's load average line ({@code /proc/loadavg}), to say how quiet a run was; "unknown" elsewhere. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
