package dev.hearth.ingress.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ToolCall;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON objects of Ollama's chat and generate answers, as docs/api.md shows them: a piece
 * ({@code {"model", "created_at", "message": {...}, "done": false}}, or {@code "response"} for generate), the final
 * object ({@code "done": true}, {@code done_reason} and the counts and durations), and the answer to a load call.
 * Stream lines end with a line feed; whole objects do not. Stateless.
 */
final class OllamaLines {
    /** Which of Ollama's two answer shapes: chat ({@code message}) or generate ({@code response}). */
    enum Shape {
        CHAT,
        GENERATE
    }

    /** The counts and durations of a final object; durations in nanoseconds, as Ollama reports them. */
    record Stats(long totalNanos, long loadNanos, int promptEvalCount, long promptEvalNanos, int evalCount,
            long evalNanos) {}

    private OllamaLines() {}

    /** One streamed piece: text, thinking, or complete tool calls. */
    static Buffer piece(Shape shape, String model, String text, String thinking, List<ToolCall> calls) {
        return line(Json.write(gen -> {
            head(gen, model);
            body(gen, shape, text, thinking, calls);
            gen.writeBooleanField("done", false);
            gen.writeEndObject();
        }));
    }

    /** The final object: the stream's last line (empty text) or, for {@code stream: false}, the whole answer. */
    static Buffer done(Shape shape, String model, String text, String thinking, List<ToolCall> calls,
            String doneReason, Stats stats) {
        return Json.write(gen -> {
            head(gen, model);
            body(gen, shape, text, thinking, calls);
            gen.writeBooleanField("done", true);
            gen.writeStringField("done_reason", doneReason);
            gen.writeNumberField("total_duration", stats.totalNanos());
            gen.writeNumberField("load_duration", stats.loadNanos());
            gen.writeNumberField("prompt_eval_count", stats.promptEvalCount());
            gen.writeNumberField("prompt_eval_duration", stats.promptEvalNanos());
            gen.writeNumberField("eval_count", stats.evalCount());
            gen.writeNumberField("eval_duration", stats.evalNanos());
            gen.writeEndObject();
        });
    }

    /** The answer to a load or unload call ({@code doneReason} "load" or "unload"): done at once, no counts. */
    static Buffer loaded(Shape shape, String model, String doneReason) {
        return Json.write(gen -> {
            head(gen, model);
            body(gen, shape, "", "", List.of());
            gen.writeBooleanField("done", true);
            gen.writeStringField("done_reason", doneReason);
            gen.writeEndObject();
        });
    }

    static Buffer line(Buffer json) {
        return json.appendString("\n");
    }

    private static void head(JsonGenerator gen, String model) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("model", model);
        gen.writeStringField("created_at", Instant.now().toString());
    }

    private static void body(JsonGenerator gen, Shape shape, String text, String thinking, List<ToolCall> calls)
            throws IOException {
        if (shape == Shape.GENERATE) {
            gen.writeStringField("response", text);
            if (!thinking.isEmpty()) {
                gen.writeStringField("thinking", thinking);
            }
            return;
        }
        gen.writeObjectFieldStart("message");
        gen.writeStringField("role", "assistant");
        gen.writeStringField("content", text);
        if (!thinking.isEmpty()) {
            gen.writeStringField("thinking", thinking);
        }
        if (!calls.isEmpty()) {
            gen.writeArrayFieldStart("tool_calls");
            for (ToolCall call : calls) {
                gen.writeStartObject();
                if (call.id() != null) {
                    gen.writeStringField("id", call.id());
                }
                gen.writeObjectFieldStart("function");
                gen.writeStringField("name", call.name());
                gen.writeFieldName("arguments");
                writeArguments(gen, call.arguments());
                gen.writeEndObject();
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        gen.writeEndObject();
    }

    /**
     * Ollama's clients expect the arguments as an object. Arguments a model wrote that are not a JSON object are sent
     * as the string they are, so the client sees the broken call instead of a silently empty one.
     */
    private static void writeArguments(JsonGenerator gen, String arguments) throws IOException {
        if (arguments == null || arguments.isBlank()) {
            gen.writeStartObject();
            gen.writeEndObject();
            return;
        }
        try {
            JsonNode parsed = Json.read(arguments);
            if (parsed != null && parsed.isObject()) {
                gen.writeTree(parsed);
                return;
            }
        } catch (IOException notJson) {
            // written as text below
        }
        gen.writeString(arguments);
    }
}
