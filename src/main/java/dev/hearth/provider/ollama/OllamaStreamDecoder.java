package dev.hearth.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.provider.http.BodyDecoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Decodes Ollama's streamed {@code /api/chat} answer: newline-delimited JSON, one object per line,
 * {@code {"model", "created_at", "message": {"role", "content", "thinking"?, "tool_calls"?}, "done": false}}, ended
 * by a line with {@code "done": true}, {@code done_reason}, {@code prompt_eval_count} and {@code eval_count}.
 *
 * <p>Events: {@code thinking} becomes {@link StreamEvent.ReasoningDelta}, {@code content} a
 * {@link StreamEvent.TextDelta}. Ollama sends each tool call complete (never in pieces), so each becomes one
 * {@link StreamEvent.ToolCallDelta} carrying the id (Ollama's own, or a generated {@code call_...}), the name and the
 * arguments object as JSON text; indices count across the whole answer. The {@code done} line gives
 * {@link StreamEvent.Finish} (TOOL_CALLS when a call was emitted, LENGTH for "length", STOP otherwise, including
 * "load"), then {@link StreamEvent.UsageReport}, then {@code onComplete}. Usage: exact when Ollama sent both counts;
 * when {@code prompt_eval_count} is missing (Ollama omits a zero, e.g. a fully cached prompt) the prompt estimate
 * given here is used and the usage is marked estimated; when {@code eval_count} is missing no usage is reported and
 * dispatch estimates it.
 *
 * <p>Ahead of each line's typed events it reports the line's own bytes as a {@link StreamEvent.WireFrame}
 * ({@code usageOnly} marks the done line), which an Ollama client's sink relays as they are.
 *
 * <p>Failures: a line that is not a JSON object, a line over 8 MB, or a body that ends without the {@code done} line
 * (the stream was truncated) is {@link UpstreamFailure.Kind#PROTOCOL}; an {@code {"error": "..."}} line is classified
 * like an HTTP 500 with that message. Nothing is reported after the first terminal call.
 *
 * <p>Threading: one instance per attempt, called on the attempt's event loop; not thread-safe.
 */
public final class OllamaStreamDecoder implements BodyDecoder {
    private static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    private static final int CHOICE = 0;
    private static final char[] ID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final UpstreamListener listener;
    private final int promptEstimate;
    private final Supplier<String> callIds;
    private final NdjsonLines lines = new NdjsonLines(this::onLine, MAX_LINE_BYTES);
    private int toolCalls;
    private boolean done;

    /** @param promptEstimate prompt tokens as Hearth counted them, used only when Ollama does not say */
    public OllamaStreamDecoder(UpstreamListener listener, int promptEstimate) {
        this(listener, promptEstimate, OllamaStreamDecoder::newCallId);
    }

    /** @param callIds makes ids for tool calls that arrive without one (tests pass a predictable supplier) */
    OllamaStreamDecoder(UpstreamListener listener, int promptEstimate, Supplier<String> callIds) {
        this.listener = listener;
        this.promptEstimate = promptEstimate;
        this.callIds = callIds;
    }

    @Override
    public void onChunk(Buffer chunk) {
        if (done) {
            return;
        }
        try {
            lines.feed(chunk);
        } catch (IllegalStateException tooLong) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, tooLong.getMessage()));
        }
    }

    @Override
    public void onEnd() {
        if (done) {
            return;
        }
        // Ollama ends every line with LF; a last line without one is still a whole object if it parses.
        lines.flush();
        fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "stream ended before the done line"));
    }

    private void onLine(byte[] bytes) {
        if (done) {
            return;
        }
        JsonNode line;
        try {
            line = Json.read(bytes);
        } catch (IOException garbage) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "unreadable stream line"));
            return;
        }
        if (line == null || !line.isObject()) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "stream line is not a JSON object"));
            return;
        }
        JsonNode error = line.get("error");
        if (error != null && !error.isNull()) {
            fail(OllamaErrors.fromErrorNode(OllamaErrors.IN_STREAM_STATUS, error, null, null));
            return;
        }
        boolean last = line.path("done").asBoolean(false);
        JsonNode message = line.path("message");
        String thinking = Json.text(message, "thinking");
        // The line's own bytes go first, so an Ollama client's sink can relay them before this line's typed events.
        listener.onEvent(new StreamEvent.WireFrame(StreamEvent.WireFrame.OLLAMA_CHAT, bytes, last,
                thinking != null && !thinking.isEmpty()));
        decodeMessage(message);
        if (last) {
            finish(line);
        }
    }

    private void decodeMessage(JsonNode message) {
        String thinking = Json.text(message, "thinking");
        if (thinking != null && !thinking.isEmpty()) {
            listener.onEvent(new StreamEvent.ReasoningDelta(CHOICE, thinking));
        }
        String content = Json.text(message, "content");
        if (content != null && !content.isEmpty()) {
            listener.onEvent(new StreamEvent.TextDelta(CHOICE, content));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String id = Json.text(call, "id");
            listener.onEvent(new StreamEvent.ToolCallDelta(CHOICE, toolCalls++,
                    id == null || id.isEmpty() ? callIds.get() : id, Json.text(function, "name"),
                    argumentsJson(function.get("arguments"))));
        }
    }

    /** Ollama sends arguments as an object; the canonical model carries them as the JSON text a client expects. */
    private static String argumentsJson(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return "{}";
        }
        return arguments.isTextual() ? arguments.asText() : arguments.toString();
    }

    private void finish(JsonNode line) {
        done = true;
        String reason = Json.text(line, "done_reason");
        FinishReason finish = toolCalls > 0 ? FinishReason.TOOL_CALLS
                : "length".equals(reason) ? FinishReason.LENGTH
                : FinishReason.STOP;
        listener.onEvent(new StreamEvent.Finish(CHOICE, finish));
        JsonNode prompt = line.get("prompt_eval_count");
        JsonNode completion = line.get("eval_count");
        if (completion != null && completion.isNumber()) {
            boolean promptKnown = prompt != null && prompt.isNumber();
            listener.onEvent(new StreamEvent.UsageReport(new Usage(promptKnown ? prompt.asInt() : promptEstimate,
                    completion.asInt(), !promptKnown)));
        }
        listener.onComplete();
    }

    private void fail(UpstreamFailure failure) {
        if (!done) {
            done = true;
            listener.onFailure(failure);
        }
    }

    private static String newCallId() {
        // Ids only need to be unique within a conversation, not unguessable.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return "call_" + new String(id);
    }
}
