package dev.hearth.limits;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Spend counters with limits, in whole micro-dollars: reserved before a request is sent, adjusted to the actual
 * cost when it ends. In this process ({@link LocalBudgetCounters}) or shared by every node through Redis.
 *
 * <p>Threading: never blocks; futures may complete on another thread.
 */
public interface BudgetCounters {

    /** One counter a reservation must fit in: {@code counter} must stay at or below {@code limitMicroUsd}. */
    record Line(String counter, long limitMicroUsd, long ttlSeconds) {}

    /** Result of {@link #reserve}: {@code refusedLine} is -1 when reserved, else the index of the line that was full. */
    record Outcome(int refusedLine, long spentMicroUsd) {
        public boolean reserved() {
            return refusedLine < 0;
        }
    }

    /** Adds {@code amount} to every line's counter if it fits in all of them, atomically; else changes nothing. */
    CompletableFuture<Outcome> reserve(List<Line> lines, long amountMicroUsd);

    /** Adds {@code delta} (negative to release) to every counter, whatever the limits. */
    CompletableFuture<Void> adjust(List<Line> lines, long deltaMicroUsd);
}
