package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void anIdIsTheTimeInHexThenRandomHex() {
        assertThat(RequestIds.generate(0x19abcdef012L, 0x123456789abcdL)).isEqualTo("19abcdef012" + "123456789abcd");
        assertThat(RequestIds.generate(1L, -1L)).isEqualTo("00000000001" + "fffffffffffff").hasSize(24);
    }

    @Test
    void laterIdsSortAfterEarlierOnesWhateverTheirRandomPart() {
        long now = 1_764_000_000_000L;
        assertThat(RequestIds.generate(now + 1, 0L)).isGreaterThan(RequestIds.generate(now, -1L));
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.generate(42L, ThreadLocalRandom.current().nextLong()));
        }
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("[0-9a-f]{24}"));
    }
}
