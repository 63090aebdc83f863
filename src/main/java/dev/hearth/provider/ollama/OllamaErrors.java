package dev.hearth.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.http.HttpFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Ollama's error answers: {@code {"error": "model \"x\" not found, try pulling it first"}} with the HTTP
 * status, or the same object as one line of a stream that had already started. Ollama gives no error code, so the
 * classification rests on the status and the message. A body that is not JSON (a reverse proxy's page, Ollama's own
 * plain-text "404 page not found") is classified on its text.
 */
final class OllamaErrors {
    private static final int MAX_MESSAGE = 500;

    /** The status an in-stream error is classified with: the answer had started, so the server failed mid-way. */
    static final int IN_STREAM_STATUS = 500;

    private OllamaErrors() {}

    static UpstreamFailure fromBody(int status, byte[] body, String retryAfter, String retryAfterMs) {
        try {
            JsonNode root = Json.read(body);
            if (root != null && root.isObject() && root.has("error")) {
                return fromErrorNode(status, root.get("error"), retryAfter, retryAfterMs);
            }
        } catch (IOException notJson) {
            // fall through: classify the raw text
        }
        String text = clip(new String(body, StandardCharsets.UTF_8).strip());
        return HttpFailures.classify(status, null, text.isEmpty() ? "HTTP " + status : text, retryAfter, retryAfterMs);
    }

    /** Ollama sends a string; an object with a message (some proxies in front of Ollama) is read too. */
    static UpstreamFailure fromErrorNode(int status, JsonNode error, String retryAfter, String retryAfterMs) {
        String message = error.isTextual() ? error.asText() : Json.text(error, "message");
        if (message == null || message.isBlank()) {
            message = "HTTP " + status;
        }
        return HttpFailures.classify(status, null, clip(message), retryAfter, retryAfterMs);
    }

    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
