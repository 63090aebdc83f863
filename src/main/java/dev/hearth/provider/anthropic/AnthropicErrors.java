package dev.hearth.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.http.HttpFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Anthropic's error shape, {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}}, both
 * as an HTTP error body and as an in-stream {@code error} event, into a classified failure. The error type is the
 * code; {@link HttpFailures} decides the kind (so "prompt is too long" becomes a context-length failure).
 */
final class AnthropicErrors {
    private static final int MAX_MESSAGE = 500;

    private AnthropicErrors() {}

    static UpstreamFailure fromBody(int status, byte[] body, String retryAfter, String retryAfterMs) {
        try {
            JsonNode root = Json.read(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                return HttpFailures.classify(status, Json.text(error, "type"), clip(Json.text(error, "message")),
                        retryAfter, retryAfterMs);
            }
        } catch (IOException notJson) {
            // fall through: a proxy in front of the API may answer with plain text or HTML
        }
        String text = clip(new String(body, StandardCharsets.UTF_8).strip());
        return HttpFailures.classify(status, null, text.isEmpty() ? "HTTP " + status : text, retryAfter, retryAfterMs);
    }

    /**
     * Classifies an {@code error} event that arrived inside a 200 stream. There is no HTTP status then, so the
     * status Anthropic documents for the error type drives the classification, and the failure reports status 0.
     */
    static UpstreamFailure fromStreamError(JsonNode error) {
        String type = Json.text(error, "type");
        String message = clip(Json.text(error, "message"));
        UpstreamFailure classified = HttpFailures.classify(statusOf(type), type, message, null, null);
        return new UpstreamFailure(classified.kind(), 0, type, message == null ? type : message, null);
    }

    /** The HTTP status Anthropic documents for each error type. */
    static int statusOf(String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            // api_error and any type added later: an upstream fault, worth retrying elsewhere
            default -> 500;
        };
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
