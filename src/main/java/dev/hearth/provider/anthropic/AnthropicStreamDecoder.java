package dev.hearth.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.provider.http.SseBodyDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes an Anthropic Messages SSE stream ({@code message_start}, content blocks, {@code message_delta},
 * {@code message_stop}) into events for choice 0. Text blocks become text deltas, {@code tool_use} blocks tool-call
 * deltas numbered 0, 1, ... in the order the calls start (whatever their content block index), {@code thinking}
 * blocks reasoning deltas. At {@code message_stop} it reports the finish reason, then usage, then completes.
 *
 * <p>Failure: an {@code error} event is classified by its error type; unparsable data, or a body that ends before
 * {@code message_stop} without a stop reason, is {@link UpstreamFailure.Kind#PROTOCOL}. A body that ends after a stop
 * reason was seen completes, since the answer itself is whole. Event types it does not know (Anthropic may add some)
 * and {@code ping} are ignored, as Anthropic asks of clients.
 *
 * <p>Ahead of each event's typed events it reports the event's own bytes as a {@link StreamEvent.WireFrame}
 * ({@code anthropic-messages}), which an Anthropic client's sink relays as they are.
 *
 * <p>One instance per attempt, called on the attempt's event loop; not thread-safe.
 */
public final class AnthropicStreamDecoder extends SseBodyDecoder {
    private static final int CHOICE = 0;

    /** Content block index of each client tool call to its tool-call index. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private int toolCalls;
    private boolean usageSeen;
    private int inputTokens;
    private int outputTokens;
    private FinishReason stopReason;

    public AnthropicStreamDecoder(UpstreamListener listener) {
        super(listener);
    }

    @Override
    protected void onBodyEnded() {
        if (stopReason != null) {
            finish(); // message_stop lost, but the answer was whole: message_delta carried its stop reason
        } else {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "stream ended before message_stop"));
        }
    }

    @Override
    protected void onEvent(String event, String data) {
        JsonNode payload;
        try {
            payload = Json.read(data);
        } catch (IOException garbage) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "unreadable stream event"));
            return;
        }
        if (payload == null || !payload.isObject()) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "stream event is not a JSON object"));
            return;
        }
        // The payload repeats the event name as "type"; trust it, as proxies sometimes drop the "event:" line.
        String named = Json.text(payload, "type");
        String type = named != null ? named : event != null ? event : "";
        if (!"error".equals(type)) {
            // The frame goes first, so an Anthropic client's sink knows to relay before this event's typed events.
            // An error is not relayed: the failure it causes is reported in the client's stream by the gateway.
            listener.onEvent(new StreamEvent.WireFrame(StreamEvent.WireFrame.ANTHROPIC_MESSAGES,
                    ("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8), false));
        }
        switch (type) {
            case "message_start" -> readUsage(payload.path("message").path("usage"));
            case "content_block_start" -> blockStarted(payload.path("index").asInt(), payload.path("content_block"));
            case "content_block_delta" -> blockDelta(payload.path("index").asInt(), payload.path("delta"));
            case "content_block_stop" -> { } // canonical events have no block end; the finish closes them all
            case "message_delta" -> {
                String reason = Json.text(payload.path("delta"), "stop_reason");
                if (reason != null) {
                    stopReason = finishReason(reason);
                }
                readUsage(payload.path("usage"));
            }
            case "message_stop" -> finish();
            case "error" -> fail(AnthropicErrors.fromStreamError(payload.path("error")));
            default -> { } // ping, and event types added after this was written
        }
    }

    private void blockStarted(int index, JsonNode block) {
        switch (block.path("type").asText()) {
            case "text" -> text(Json.text(block, "text"));
            case "tool_use" -> {
                int toolIndex = toolCalls++;
                toolIndexes.put(index, toolIndex);
                JsonNode input = block.get("input");
                // Streaming sends input as {} and the real arguments as deltas; a non-empty input is kept whole.
                String arguments = input != null && input.isObject() && !input.isEmpty() ? input.toString() : "";
                listener.onEvent(new StreamEvent.ToolCallDelta(CHOICE, toolIndex, Json.text(block, "id"),
                        Json.text(block, "name"), arguments));
            }
            case "thinking" -> reasoning(Json.text(block, "thinking"));
            // redacted_thinking, server_tool_use and server tool results are Anthropic's own business
            default -> { }
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> text(Json.text(delta, "text"));
            case "thinking_delta" -> reasoning(Json.text(delta, "thinking"));
            case "input_json_delta" -> {
                // Server tools stream their input too; only the client's own tool calls are reported.
                String piece = Json.text(delta, "partial_json");
                Integer toolIndex = toolIndexes.get(index);
                if (toolIndex != null && piece != null && !piece.isEmpty()) {
                    listener.onEvent(new StreamEvent.ToolCallDelta(CHOICE, toolIndex, null, null, piece));
                }
            }
            default -> { } // signature_delta, citations_delta: nothing a chat client shows
        }
    }

    private void text(String text) {
        if (text != null && !text.isEmpty()) {
            listener.onEvent(new StreamEvent.TextDelta(CHOICE, text));
        }
    }

    private void reasoning(String text) {
        if (text != null && !text.isEmpty()) {
            listener.onEvent(new StreamEvent.ReasoningDelta(CHOICE, text));
        }
    }

    /**
     * Usage in message_start and message_delta; message_delta's counts are cumulative, so later values replace
     * earlier ones. Cached input is counted as input, as OpenAI's prompt_tokens does; Anthropic reports it apart.
     */
    private void readUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        usageSeen = true;
        if (usage.path("input_tokens").isNumber()) {
            inputTokens = usage.path("input_tokens").asInt() + usage.path("cache_creation_input_tokens").asInt()
                    + usage.path("cache_read_input_tokens").asInt();
        }
        if (usage.path("output_tokens").isNumber()) {
            outputTokens = usage.path("output_tokens").asInt();
        }
    }

    static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            // end_turn, stop_sequence, pause_turn, and reasons added later: the turn ended normally
            default -> FinishReason.STOP;
        };
    }

    private void finish() {
        listener.onEvent(new StreamEvent.Finish(CHOICE, stopReason != null ? stopReason : FinishReason.STOP));
        if (usageSeen) {
            listener.onEvent(new StreamEvent.UsageReport(new Usage(inputTokens, outputTokens, false)));
        }
        complete();
    }
}
