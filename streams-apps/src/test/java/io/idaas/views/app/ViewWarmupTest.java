package io.idaas.views.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's synthetic work runs away from any cluster and leaves nothing behind. */
class ViewWarmupTest {

    @Test
    void syntheticChangesRunThroughATableViewAndTheirFolderIsDeleted(@TempDir Path state) throws Exception {
        ViewWarmup.Done done = ViewWarmup.processing(2_000, state, () -> false);
        assertThat(done.count()).as("every synthetic change ran").isEqualTo(2_000);
        assertThat(done.took()).isPositive();
        try (Stream<Path> left = Files.list(state)) {
            assertThat(left.toList()).as("the warm-up's folder is deleted").isEmpty();
        }
    }

    @Test
    void noWarmUpWhenAskedForNone(@TempDir Path state) throws Exception {
        assertThat(ViewWarmup.processing(0, state, () -> false).count()).isZero();
        assertThat(ViewWarmup.lookups(0, "127.0.0.1", 1, List.of("v"), () -> false).count()).isZero();
        try (Stream<Path> left = Files.list(state)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
