package dev.hearth.limits;

import java.util.List;
import java.util.Map;

/**
 * Durable settled spend per budget counter ({@code <scope>|<period>}), so budgets survive restarts. Writes are
 * queued (never block the caller); a lost write under-counts, never over-counts.
 */
public interface SpendLedger {
    SpendLedger NONE = new SpendLedger() {
        @Override
        public Map<String, Long> settled(List<String> periods) {
            return Map.of();
        }

        @Override
        public void add(List<String> counters, long microUsd) {}
    };

    /** Settled spend of every counter of these periods ({@code d:2026-11-25}, {@code m:2026-11}). Blocks. */
    Map<String, Long> settled(List<String> periods);

    /** Adds {@code microUsd} to each counter. */
    void add(List<String> counters, long microUsd);
}
