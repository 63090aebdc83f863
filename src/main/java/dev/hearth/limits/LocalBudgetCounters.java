package dev.hearth.limits;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Budget counters in this process, seeded with the spend already settled in the ledger (so a restart forgets
 * nothing settled). Counters of past periods are simply never read again (one small entry per scope and period).
 * Thread-safe: one lock, held for a few map operations.
 */
public final class LocalBudgetCounters implements BudgetCounters {
    private final Map<String, Long> counters = new HashMap<>();

    public LocalBudgetCounters(Map<String, Long> settled) {
        counters.putAll(settled);
    }

    @Override
    public synchronized CompletableFuture<Outcome> reserve(List<Line> lines, long amountMicroUsd) {
        for (int i = 0; i < lines.size(); i++) {
            long spent = counters.getOrDefault(lines.get(i).counter(), 0L);
            if (spent + amountMicroUsd > lines.get(i).limitMicroUsd()) {
                return CompletableFuture.completedFuture(new Outcome(i, spent));
            }
        }
        lines.forEach(line -> counters.merge(line.counter(), amountMicroUsd, Long::sum));
        return CompletableFuture.completedFuture(new Outcome(-1, 0));
    }

    @Override
    public synchronized CompletableFuture<Void> adjust(List<Line> lines, long deltaMicroUsd) {
        lines.forEach(line -> counters.merge(line.counter(), deltaMicroUsd, Long::sum));
        return CompletableFuture.completedFuture(null);
    }
}
