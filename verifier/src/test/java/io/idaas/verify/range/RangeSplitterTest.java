package io.idaas.verify.range;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Range splitting by hand-made bounds: the parts cover the span exactly, without overlap or empty parts. */
class RangeSplitterTest {

    @Test
    void integersSplitIntoEqualContiguousParts() {
        List<KeyRange> parts = RangeSplitter.integers(1, 100, 4);
        assertThat(parts).containsExactly(KeyRange.ofLongs(1L, 26L), KeyRange.ofLongs(26L, 51L), KeyRange.ofLongs(51L, 76L), KeyRange.ofLongs(76L, 101L));
    }

    @Test
    void neverMorePartsThanKeys() {
        assertThat(RangeSplitter.integers(5, 7, 8)).containsExactly(KeyRange.ofLongs(5L, 6L), KeyRange.ofLongs(6L, 7L), KeyRange.ofLongs(7L, 8L));
        assertThat(RangeSplitter.integers(5, 5, 8)).containsExactly(KeyRange.ofLongs(5L, 6L));
    }

    @Test
    void unevenSpansLeaveASmallerLastPart() {
        List<KeyRange> parts = RangeSplitter.integers(0, 9, 3);
        assertThat(parts).containsExactly(KeyRange.ofLongs(0L, 4L), KeyRange.ofLongs(4L, 8L), KeyRange.ofLongs(8L, 10L));
    }

    @Test
    void theWholeLongSpanDoesNotOverflow() {
        List<KeyRange> parts = RangeSplitter.integers(Long.MIN_VALUE, Long.MAX_VALUE, 2);
        assertThat(parts).containsExactly(KeyRange.ofLongs(Long.MIN_VALUE, 0L), KeyRange.ofLongs(0L, null));
    }

    @Test
    void openBoundsStayOpenSoLaterKeysStillFallInARange() {
        List<KeyRange> parts = RangeSplitter.integers(KeyRange.ALL, 1, 100, 4);
        assertThat(parts.get(0)).isEqualTo(KeyRange.ofLongs(null, 26L));
        assertThat(parts.get(3)).isEqualTo(KeyRange.ofLongs(76L, null));
        // a closed range is cut within its own bounds
        assertThat(RangeSplitter.integers(KeyRange.ofLongs(26L, 51L), 1, 100, 5))
                .containsExactly(KeyRange.ofLongs(26L, 31L), KeyRange.ofLongs(31L, 36L), KeyRange.ofLongs(36L, 41L), KeyRange.ofLongs(41L, 46L), KeyRange.ofLongs(46L, 51L));
    }

    @Test
    void boundaryKeysCutAnyKey() {
        KeyRange range = new KeyRange(List.of("a"), List.of("z"));
        List<KeyRange> parts = RangeSplitter.atBoundaries(range, List.of(List.of("f"), List.of("m")));
        assertThat(parts).containsExactly(new KeyRange(List.of("a"), List.of("f")), new KeyRange(List.of("f"), List.of("m")),
                new KeyRange(List.of("m"), List.of("z")));
        // a boundary equal to the lower bound would make an empty range: skipped
        assertThat(RangeSplitter.atBoundaries(range, List.of(List.of("a")))).containsExactly(range);
        // composite keys
        assertThat(RangeSplitter.atBoundaries(KeyRange.ALL, List.of(List.of(1, "x"))))
                .containsExactly(new KeyRange(null, List.of(1, "x")), new KeyRange(List.of(1, "x"), null));
    }

    @Test
    void refusesEmptySpansAndNoParts() {
        assertThatThrownBy(() -> RangeSplitter.integers(2, 1, 4)).hasMessageContaining("empty key span");
        assertThatThrownBy(() -> RangeSplitter.integers(1, 2, 0)).hasMessageContaining("at least 1");
    }
}
