package dev.hearth.backend;

import dev.hearth.config.FailoverConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;

/**
 * One backend's circuit breaker. Opens once the failure rate over a full sliding window of calls passes the threshold (one bad call among few
 * never opens it), stays
 * open for a while (candidates are served by the next route meanwhile), then lets one probe through half-open and
 * closes again when it succeeds.
 *
 * <p>Thread-safe; never blocks.
 */
public final class BackendHealth {
    private final CircuitBreaker breaker;

    public BackendHealth(String backendName, FailoverConfig failover) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failover.breakerWindow())
                .minimumNumberOfCalls(failover.breakerWindow())
                .failureRateThreshold(failover.breakerFailureThreshold())
                .waitDurationInOpenState(failover.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        this.breaker = CircuitBreaker.of(backendName, config);
    }

    /** Asks to send one request; false while the breaker is open (or its half-open probe is taken). */
    public boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    public void success(long durationNanos) {
        breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
    }

    public void failure(long durationNanos) {
        breaker.onError(durationNanos, TimeUnit.NANOSECONDS, BackendFailure.INSTANCE);
    }

    /** The permission was taken but the call said nothing about health (e.g. the client went away). */
    public void release() {
        breaker.releasePermission();
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Closed = 0, half-open = 1, open = 2 (for the metrics gauge). */
    public int stateCode() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }

    private static final class BackendFailure extends RuntimeException {
        static final BackendFailure INSTANCE = new BackendFailure();

        private BackendFailure() {
            super("backend failure", null, false, false);
        }
    }
}
