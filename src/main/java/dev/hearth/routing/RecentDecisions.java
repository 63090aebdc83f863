package dev.hearth.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last {@code capacity} routing decisions, newest first, for {@code GET /admin/decisions}. It keeps the decision
 * (model or alias asked for, candidates, reasons, ranking, order, refusal) and never prompt content, which a
 * {@link Decision} does not hold. Thread-safe (one short lock per request).
 */
public final class RecentDecisions implements DecisionListener {
    /** A decision and when it was made. */
    public record Entry(Instant time, Decision decision) {}

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Entry> entries;

    public RecentDecisions(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new ArrayDeque<>(capacity);
    }

    @Override
    public void decided(Decision decision) {
        Entry entry = new Entry(clock.instant(), decision);
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeLast();
            }
            entries.addFirst(entry);
        }
    }

    /** Up to {@code limit} entries, newest first. */
    public List<Entry> newest(int limit) {
        List<Entry> out = new ArrayList<>(Math.min(limit, capacity));
        synchronized (entries) {
            Iterator<Entry> it = entries.iterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
        }
        return out;
    }

    public int capacity() {
        return capacity;
    }
}
