package dev.hearth.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries can never bunch into a tight loop, the
 * other half is random so that many clients do not retry in step.
 */
final class Backoff {
    private final Duration base;
    private final Duration max;

    Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** Delay before retry round {@code round} (1-based), at least {@code retryAfter} when the upstream asked for it. */
    Duration delay(int round, Duration retryAfter) {
        long ceiling = Math.min(max.toNanos(), base.toNanos() << Math.min(round - 1, 20));
        long half = ceiling / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(half + 1);
        long wanted = retryAfter == null ? 0 : retryAfter.toNanos();
        return Duration.ofNanos(Math.max(jittered, wanted));
    }

    /** An upstream asking for longer than our ceiling is not waited for: the route is given up for this request. */
    boolean tooLong(Duration retryAfter) {
        return retryAfter != null && retryAfter.compareTo(max) > 0;
    }
}
