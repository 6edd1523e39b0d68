package io.idaas.views.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's reads of the HTTP API do nothing when asked for none. */
class ViewWarmupTest {

    @Test
    void noLookupsWhenAskedForNone() {
        assertThat(ViewWarmup.lookups(0, "127.0.0.1", 1, List.of("v"), () -> false).count()).isZero();
    }
}
