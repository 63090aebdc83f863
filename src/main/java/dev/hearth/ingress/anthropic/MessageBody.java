package dev.hearth.ingress.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.FinishReason;
import dev.hearth.model.ToolCall;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;

/**
 * Anthropic's {@code message} object for a non-streaming answer, and the pieces a streamed answer shares with it:
 * the stop reason, the usage object and tool-use ids. Stateless.
 *
 * <p>The {@code stop_sequence} field is always null and never the stop reason: the canonical finish reason
 * does not tell a matched stop sequence from a natural end (OpenAI-compatible and Ollama backends do not say either),
 * so such an answer reports {@code end_turn}.
 */
final class MessageBody {
    private MessageBody() {}

    static Buffer write(String id, String model, AnswerCollector.Choice choice, Usage usage, boolean thinking,
            String requestId) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("id", id);
            gen.writeStringField("type", "message");
            gen.writeStringField("role", "assistant");
            gen.writeStringField("model", model);
            gen.writeArrayFieldStart("content");
            if (thinking && !choice.reasoning().isEmpty()) {
                gen.writeStartObject();
                gen.writeStringField("type", "thinking");
                gen.writeStringField("thinking", choice.reasoning());
                gen.writeStringField("signature", ""); // Hearth cannot sign; it drops thinking blocks sent back
                gen.writeEndObject();
            }
            if (!choice.text().isEmpty()) {
                gen.writeStartObject();
                gen.writeStringField("type", "text");
                gen.writeStringField("text", choice.text());
                gen.writeEndObject();
            }
            List<ToolCall> calls = choice.toolCalls();
            for (int i = 0; i < calls.size(); i++) {
                gen.writeStartObject();
                gen.writeStringField("type", "tool_use");
                gen.writeStringField("id", toolId(calls.get(i).id(), requestId, i));
                gen.writeStringField("name", calls.get(i).name() == null ? "" : calls.get(i).name());
                gen.writeFieldName("input");
                gen.writeTree(input(calls.get(i).arguments()));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeStringField("stop_reason", stopReason(choice.finishReason(), !calls.isEmpty()));
            gen.writeNullField("stop_sequence");
            usage(gen, usage.promptTokens(), usage.completionTokens());
            gen.writeEndObject();
        });
    }

    /**
     * Anthropic's stop reason. A turn that made tool calls reports {@code tool_use} even when the backend said it
     * simply stopped (Ollama does): Anthropic clients run the tools only on {@code tool_use}.
     */
    static String stopReason(FinishReason reason, boolean toolUsed) {
        return switch (reason == null ? FinishReason.STOP : reason) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case STOP -> toolUsed ? "tool_use" : "end_turn";
        };
    }

    /** {@code usage} with the cache counters the SDKs expect; canonical usage has no cache split, so they are 0. */
    static void usage(JsonGenerator gen, int inputTokens, int outputTokens) throws IOException {
        gen.writeObjectFieldStart("usage");
        gen.writeNumberField("input_tokens", inputTokens);
        gen.writeNumberField("cache_creation_input_tokens", 0);
        gen.writeNumberField("cache_read_input_tokens", 0);
        gen.writeNumberField("output_tokens", outputTokens);
        gen.writeEndObject();
    }

    /** The backend's call id, or a stable one when it gave none (the client must echo an id in its tool_result). */
    static String toolId(String id, String requestId, int index) {
        return id != null && !id.isEmpty() ? id : "toolu_" + requestId + "_" + index;
    }

    /**
     * The call's arguments as the {@code input} object. Empty arguments are {@code {}}; text that is not a JSON
     * object (a local model's broken JSON) is kept as a string rather than lost, so the client can report it.
     */
    static JsonNode input(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.read(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // kept as text below
        }
        return Json.MAPPER.getNodeFactory().textNode(arguments);
    }
}
