package dev.hearth.limits;

import java.time.Duration;

/**
 * The tightest request and token limits that applied to a request, for the rate-limit headers of the client's
 * dialect. A null limit means no limit of that kind applied.
 *
 * @param resetRequests time until the request bucket is full again; likewise {@code resetTokens}
 */
public record RateLimitState(Long limitRequests, Long remainingRequests, Duration resetRequests, Long limitTokens,
        Long remainingTokens, Duration resetTokens) {
    public static final RateLimitState NONE = new RateLimitState(null, null, null, null, null, null);

    public boolean isNone() {
        return limitRequests == null && limitTokens == null;
    }
}
