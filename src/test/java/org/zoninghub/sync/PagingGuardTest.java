package org.zoninghub.sync;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paging checks of one run: each problem aborts with the page and what went wrong. */
class PagingGuardTest {

    static final String T = "2025-01-26T00:00:00+08:00";

    @Test
    void consistentPagesPass() {
        PagingGuard guard = new PagingGuard();
        assertThatCode(() -> {
                    guard.accept("units", 1, List.of("A", "B"), T, null, "t2");
                    guard.accept("units", 2, List.of("C"), T, "t2", null);
                    guard.accept("lists", 1, List.of("A"), T, null, null);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aTokenServedTwiceIsALoop() {
        PagingGuard guard = new PagingGuard();
        guard.accept("units", 1, List.of("A"), T, null, "t2");
        guard.accept("units", 2, List.of("B"), T, "t2", "t3");
        assertThatThrownBy(() -> guard.accept("units", 3, List.of("C"), T, "t3", "t2"))
                .isInstanceOf(ProvincialException.class)
                .hasMessageContaining("units page 3")
                .hasMessageContaining("t2 was already served");
    }

    @Test
    void aRecordOnTwoPagesIsARepeatedPage() {
        PagingGuard guard = new PagingGuard();
        guard.accept("units", 1, List.of("A", "B"), T, null, "t2");
        assertThatThrownBy(() -> guard.accept("units", 2, List.of("B", "C"), T, "t2", null))
                .hasMessageContaining("units page 2: record B was already on page 1");
    }

    @Test
    void aSnapshotTimeThatMovesMeansTheDataChanged() {
        PagingGuard guard = new PagingGuard();
        guard.accept("units", 1, List.of("A"), T, null, "t2");
        assertThatThrownBy(() -> guard.accept("units", 2, List.of("B"), "2025-02-01T00:00:00+08:00", "t2", null))
                .hasMessageContaining("units page 2: the platform's snapshotTime changed")
                .hasMessageContaining("(units page 1)");
    }

    @Test
    void aPlatformWithoutSnapshotTimesIsNotChecked() {
        PagingGuard guard = new PagingGuard();
        assertThatCode(() -> {
                    guard.accept("lists", 1, List.of("A"), null, null, "t2");
                    guard.accept("lists", 2, List.of("B"), null, "t2", null);
                })
                .doesNotThrowAnyException();
    }
}
