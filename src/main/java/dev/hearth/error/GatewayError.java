package dev.hearth.error;

import java.time.Duration;

/**
 * An expected refusal, as a value: what went wrong in words safe to show a client. Never carries prompt content,
 * credentials or stack traces.
 *
 * @param code       machine-readable code in OpenAI's style (e.g. "model_not_found"), or null
 * @param param      the offending request field, or null
 * @param retryAfter a hint for 429/503 answers, or null
 */
public record GatewayError(ErrorKind kind, String message, String code, String param, Duration retryAfter) {

    public static GatewayError of(ErrorKind kind, String message) {
        return new GatewayError(kind, message, null, null, null);
    }

    public static GatewayError invalid(String param, String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, message, "invalid_request", param, null);
    }

    public GatewayError withCode(String newCode) {
        return new GatewayError(kind, message, newCode, param, retryAfter);
    }

    public int httpStatus() {
        return kind.httpStatus();
    }
}
