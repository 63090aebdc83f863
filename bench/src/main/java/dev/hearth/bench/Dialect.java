package dev.hearth.bench;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The client API a target speaks, read from its path: the request body it takes, and how its stream shows the first
 * content ("Hello") and its end. The same fake upstream serves every dialect through Hearth, so the difference
 * between dialects is Hearth's translation.
 */
enum Dialect {
    OPENAI_CHAT("\"content\":\"Hello\"", "data: [DONE]"),
    ANTHROPIC_MESSAGES("\"text\":\"Hello\"", "event: message_stop"),
    OPENAI_RESPONSES("\"delta\":\"Hello\"", "event: response.completed"),
    OLLAMA_CHAT("\"content\":\"Hello\"", "\"done\":true");

    final String firstContent;
    final String done;

    Dialect(String firstContent, String done) {
        this.firstContent = firstContent;
        this.done = done;
    }

    static Dialect of(Lanes.Target target) {
        return switch (target.path()) {
            case "/v1/messages" -> ANTHROPIC_MESSAGES;
            case "/v1/responses" -> OPENAI_RESPONSES;
            case "/api/chat" -> OLLAMA_CHAT;
            default -> OPENAI_CHAT;
        };
    }

    Buffer body(String model, boolean stream) {
        String json = switch (this) {
            case OPENAI_CHAT -> "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],"
                    + "\"max_tokens\":16" + (stream ? ",\"stream\":true" : "") + "}";
            case ANTHROPIC_MESSAGES -> "{\"model\":\"" + model + "\",\"max_tokens\":16,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]" + (stream ? ",\"stream\":true" : "") + "}";
            case OPENAI_RESPONSES -> "{\"model\":\"" + model + "\",\"input\":\"Say hello.\",\"max_output_tokens\":16"
                    + (stream ? ",\"stream\":true" : "") + "}";
            // Ollama streams unless told not to
            case OLLAMA_CHAT -> "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}],"
                    + "\"options\":{\"num_predict\":16},\"stream\":" + stream + "}";
        };
        return Buffer.buffer(json.getBytes(StandardCharsets.UTF_8));
    }
}
