package dev.hearth.provider.http;

import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamFailure.Kind;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** Classifies an upstream's HTTP error answer, whatever its protocol, once the protocol has read code and message. */
public final class HttpFailures {
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[ _]length|maximum context|context window|too many tokens|prompt is too long|exceeds the"
                    + " (?:model's )?(?:maximum|max)|input is too long|num_ctx",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_POLICY = Pattern.compile(
            "content[ _]policy|content[ _]filter|content management policy|flagged|safety system",
            Pattern.CASE_INSENSITIVE);

    private HttpFailures() {}

    /**
     * @param code          the provider's machine-readable error code or type, may be null
     * @param message       the provider's message, may be null
     * @param retryAfter    the Retry-After header value, may be null
     * @param retryAfterMs  OpenAI's retry-after-ms header value, may be null
     */
    public static UpstreamFailure classify(int status, String code, String message, String retryAfter,
            String retryAfterMs) {
        String text = (code == null ? "" : code) + " " + (message == null ? "" : message);
        Kind kind;
        if (status == 429) {
            kind = Kind.RATE_LIMITED;
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
        } else if ("context_length_exceeded".equals(code) || CONTEXT_LENGTH.matcher(text).find()) {
            kind = Kind.CONTEXT_LENGTH;
        } else if ("content_policy_violation".equals(code) || "content_filter".equals(code)
                || CONTENT_POLICY.matcher(text).find()) {
            kind = Kind.CONTENT_POLICY;
        } else if (status == 401 || status == 403 || status == 404) {
            kind = Kind.BACKEND_REJECTED;
        } else if (status == 408) {
            kind = Kind.TIMEOUT;
        } else {
            kind = Kind.BAD_REQUEST;
        }
        return new UpstreamFailure(kind, status, code, message, retryAfter(retryAfter, retryAfterMs));
    }

    /** Parses Retry-After (delta-seconds or HTTP-date) or retry-after-ms; null when absent or unreadable. */
    public static Duration retryAfter(String header, String millisHeader) {
        try {
            if (millisHeader != null && !millisHeader.isBlank()) {
                return Duration.ofMillis((long) Double.parseDouble(millisHeader.trim()));
            }
            if (header == null || header.isBlank()) {
                return null;
            }
            String value = header.trim();
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US));
            Duration left = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return left.isNegative() ? Duration.ZERO : left;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
