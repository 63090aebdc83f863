package dev.hearth.provider;

import java.time.Duration;

/**
 * Why one upstream attempt failed, classified so that dispatch can decide what to do next without knowing the
 * protocol. {@code message} is the provider's own reason where it gave one (safe to show the client); it never
 * contains credentials.
 */
public record UpstreamFailure(Kind kind, int status, String code, String message, Duration retryAfter) {

    public enum Kind {
        /** Connection refused, reset, or closed before an answer. */
        CONNECTION,
        /** No first token, a silent gap, or the total budget ran out. */
        TIMEOUT,
        /** HTTP 429. */
        RATE_LIMITED,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** The stream broke its protocol: garbage, or it ended without finishing. */
        PROTOCOL,
        /** The prompt does not fit the model's context window. */
        CONTEXT_LENGTH,
        /** The provider refused the content. */
        CONTENT_POLICY,
        /** Our credentials or the model name were refused: the backend is misconfigured, not the request. */
        BACKEND_REJECTED,
        /** The request itself is invalid for this backend (other 4xx). */
        BAD_REQUEST
    }

    public static UpstreamFailure of(Kind kind, String message) {
        return new UpstreamFailure(kind, 0, null, message, null);
    }

    /** Failures that say something about the backend's health (they feed its circuit breaker). */
    public boolean countsAgainstBackend() {
        return switch (kind) {
            case CONNECTION, TIMEOUT, RATE_LIMITED, SERVER_ERROR, PROTOCOL, BACKEND_REJECTED -> true;
            case CONTEXT_LENGTH, CONTENT_POLICY, BAD_REQUEST -> false;
        };
    }

    /** Whether the same route may be tried again later in this request. */
    public boolean retryableOnSameRoute() {
        return switch (kind) {
            case CONNECTION, RATE_LIMITED, SERVER_ERROR, PROTOCOL -> true;
            // A silent backend is abandoned within its budget, never retried on the same route.
            case TIMEOUT, BACKEND_REJECTED, CONTEXT_LENGTH, CONTENT_POLICY, BAD_REQUEST -> false;
        };
    }

    @Override
    public String toString() {
        return kind + (status > 0 ? " " + status : "") + (message == null ? "" : ": " + message);
    }
}
