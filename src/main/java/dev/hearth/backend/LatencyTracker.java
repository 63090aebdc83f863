package dev.hearth.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An exponentially weighted moving average of a backend's time to first event, for latency-aware routing. Lock-free;
 * a lost update under contention only delays the average by one sample.
 */
public final class LatencyTracker {
    private static final double WEIGHT = 0.2;
    private final AtomicLong averageBits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));

    public void record(long nanos) {
        double millis = nanos / 1e6;
        double previous = Double.longBitsToDouble(averageBits.get());
        double next = Double.isNaN(previous) ? millis : previous + WEIGHT * (millis - previous);
        averageBits.set(Double.doubleToRawLongBits(next));
    }

    /** Expected milliseconds to first event; NaN until the first sample. */
    public double expectedMillis() {
        return Double.longBitsToDouble(averageBits.get());
    }
}
