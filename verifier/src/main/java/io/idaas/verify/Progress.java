package io.idaas.verify;

/** Hears how a long verification advances (the command line prints it to stderr). */
@FunctionalInterface
public interface Progress {

    Progress NONE = (table, phase, done, total, rowsFetched) -> {
    };

    /**
     * @param table       the source table
     * @param phase       what runs: {@code count}, {@code ranges}, {@code keys}, {@code recheck}, {@code done}
     * @param done        units done in the phase (key ranges, keys)
     * @param total       units known so far (grows as ranges are cut down)
     * @param rowsFetched rows fetched so far for comparison in Java
     */
    void update(String table, String phase, long done, long total, long rowsFetched);
}
