package dev.hearth.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.http.HttpFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads OpenAI-style error bodies ({@code {"error": {"message", "type", "code"}}} and the looser variants). */
final class OpenAiErrors {
    private static final int MAX_MESSAGE = 500;

    private OpenAiErrors() {}

    static UpstreamFailure fromBody(int status, byte[] body, String retryAfter, String retryAfterMs) {
        try {
            JsonNode root = Json.read(body);
            if (root != null && root.has("error")) {
                return fromErrorNode(status, root.get("error"), retryAfter, retryAfterMs);
            }
            if (root != null && root.has("message")) {
                return HttpFailures.classify(status, Json.text(root, "code"), clip(Json.text(root, "message")),
                        retryAfter, retryAfterMs);
            }
        } catch (IOException notJson) {
            // fall through: use the raw text
        }
        String text = clip(new String(body, StandardCharsets.UTF_8).strip());
        return HttpFailures.classify(status, null, text.isEmpty() ? "HTTP " + status : text, retryAfter, retryAfterMs);
    }

    static UpstreamFailure fromErrorNode(int status, JsonNode error, String retryAfter, String retryAfterMs) {
        if (error.isTextual()) {
            return HttpFailures.classify(status, null, clip(error.asText()), retryAfter, retryAfterMs);
        }
        String code = Json.text(error, "code");
        if (code == null) {
            code = Json.text(error, "type");
        }
        return HttpFailures.classify(status, code, clip(Json.text(error, "message")), retryAfter, retryAfterMs);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
