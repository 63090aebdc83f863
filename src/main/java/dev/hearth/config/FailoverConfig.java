package dev.hearth.config;

import java.time.Duration;

/**
 * How hard Hearth tries before a client sees an error.
 *
 * @param maxRetries        extra attempts on the same candidate for retryable failures (5xx, 429, resets)
 * @param timeout           total budget of one attempt
 * @param connectTimeout    TCP connect budget
 * @param firstTokenTimeout budget from request sent to first upstream event
 * @param idleTimeout       largest allowed gap between two upstream chunks
 * @param backoffBase       first backoff delay; doubles per retry, with full jitter
 * @param backoffMax        ceiling of one backoff delay (and of an honoured Retry-After)
 * @param breakerFailureThreshold consecutive-ish failures (percent of the window) that open a breaker
 * @param breakerWindow     calls in the breaker's sliding window
 * @param breakerOpenFor    how long a breaker stays open before a half-open probe
 */
public record FailoverConfig(
        int maxRetries,
        Duration timeout,
        Duration connectTimeout,
        Duration firstTokenTimeout,
        Duration idleTimeout,
        Duration backoffBase,
        Duration backoffMax,
        int breakerFailureThreshold,
        int breakerWindow,
        Duration breakerOpenFor) {

    public static FailoverConfig defaults() {
        return new FailoverConfig(2, Duration.ofSeconds(600), Duration.ofSeconds(5), Duration.ofSeconds(120),
                Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(5), 50, 10,
                Duration.ofSeconds(30));
    }
}
