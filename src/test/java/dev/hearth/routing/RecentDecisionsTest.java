package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentDecisionsTest {
    private static Decision decision(String requested) {
        return new Decision(requested, "model", List.of(), List.of(), "", null, null);
    }

    @Test
    void keepsOnlyTheNewestUpToItsCapacityNewestFirst() {
        RecentDecisions recent = new RecentDecisions(3, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        for (String name : List.of("a", "b", "c", "d", "e")) {
            recent.decided(decision(name));
        }
        assertThat(recent.newest(10)).extracting(e -> e.decision().requested()).containsExactly("e", "d", "c");
        assertThat(recent.newest(2)).extracting(e -> e.decision().requested()).containsExactly("e", "d");
        assertThat(recent.newest(1).getFirst().time()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new RecentDecisions(0, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
