package dev.hearth.ingress.common;

import dev.hearth.limits.RateLimitState;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The rate-limit headers of each dialect, written from the tightest request and token buckets that applied:
 * OpenAI's {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}} (reset as a duration such as {@code 1.5s})
 * and Anthropic's {@code anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}} (reset as an RFC 3339
 * time). Ollama has none of its own; its clients get OpenAI's names.
 */
public enum RateLimitHeaders {
    OPENAI {
        @Override
        void write(HttpServerResponse response, String kind, long limit, long remaining, Duration reset) {
            response.putHeader("x-ratelimit-limit-" + kind, Long.toString(limit))
                    .putHeader("x-ratelimit-remaining-" + kind, Long.toString(remaining))
                    .putHeader("x-ratelimit-reset-" + kind, seconds(reset));
        }
    },
    ANTHROPIC {
        @Override
        void write(HttpServerResponse response, String kind, long limit, long remaining, Duration reset) {
            response.putHeader("anthropic-ratelimit-" + kind + "-limit", Long.toString(limit))
                    .putHeader("anthropic-ratelimit-" + kind + "-remaining", Long.toString(remaining))
                    .putHeader("anthropic-ratelimit-" + kind + "-reset",
                            CLOCK.instant().plus(reset).truncatedTo(ChronoUnit.SECONDS).toString());
        }
    };

    private static final Clock CLOCK = Clock.systemUTC();

    abstract void write(HttpServerResponse response, String kind, long limit, long remaining, Duration reset);

    /** Writes the headers for whatever limits applied; nothing when none did or the head is already sent. */
    public void write(HttpServerResponse response, RateLimitState state) {
        if (state.isNone() || response.headWritten()) {
            return;
        }
        if (state.limitRequests() != null) {
            write(response, "requests", state.limitRequests(), state.remainingRequests(), state.resetRequests());
        }
        if (state.limitTokens() != null) {
            write(response, "tokens", state.limitTokens(), state.remainingTokens(), state.resetTokens());
        }
    }

    private static String seconds(Duration reset) {
        long millis = Math.max(0, reset.toMillis());
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.3fs", millis / 1e3);
    }
}
