package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Anthropic Messages wire format for tests, as the API documents it: an {@link Answer} as one message object
 * or as the server-sent events of a streamed message ({@code message_start}, per content block
 * {@code content_block_start}/{@code _delta}/{@code _stop}, a {@code ping}, {@code message_delta},
 * {@code message_stop}), and errors in Anthropic's shape. {@link FakeAnthropic} answers with it; tests of Hearth's
 * Anthropic ingress can compare their output against it. Stateless; deterministic for a given answer.
 */
public final class AnthropicAnswerWriter {
    /** Tool input is streamed in {@code input_json_delta} pieces of at most this many characters. */
    public static final int TOOL_INPUT_PIECE = 8;

    private AnthropicAnswerWriter() {}

    /** Anthropic's stop_reason for a finish reason in OpenAI's words (as {@link Answer} holds it). */
    public static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** The non-streamed answer: {@code {id, type:"message", role, model, content, stop_reason, usage, ...}}. */
    public static ObjectNode message(Answer answer, String model, String id) {
        ObjectNode message = messageEnvelope(model, id);
        ArrayNode content = message.putArray("content");
        if (!answer.textChunks().isEmpty()) {
            content.addObject().put("type", "text").put("text", answer.fullText());
        }
        for (Answer.ToolCallSpec call : answer.toolCalls()) {
            toolUse(content.addObject(), call).set("input", parse(call.argumentsJson()));
        }
        message.put("stop_reason", stopReason(answer.finishReason()));
        message.putObject("usage").put("input_tokens", answer.promptTokens())
                .put("output_tokens", answer.completionTokens());
        return message;
    }

    /** The streamed answer, one buffer per server-sent event, message_stop last. */
    public static List<Buffer> streamEvents(Answer answer, String model, String id) {
        List<Buffer> events = new ArrayList<>();
        ObjectNode start = messageEnvelope(model, id);
        start.putArray("content");
        start.putObject("usage").put("input_tokens", answer.promptTokens()).put("output_tokens", 1);
        events.add(event(Json.object().put("type", "message_start").set("message", start)));
        int index = 0;
        if (!answer.textChunks().isEmpty()) {
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            events.add(blockStart(index, block));
            events.add(event(Json.object().put("type", "ping"))); // the API pings after the first block opens
            for (String chunk : answer.textChunks()) {
                events.add(blockDelta(index, Json.object().put("type", "text_delta").put("text", chunk)));
            }
            events.add(blockStop(index++));
        }
        for (Answer.ToolCallSpec call : answer.toolCalls()) {
            events.add(blockStart(index, toolUse(Json.object(), call).set("input", Json.object())));
            if (index == 0) {
                events.add(event(Json.object().put("type", "ping")));
            }
            events.add(blockDelta(index, inputDelta(""))); // the API opens with an empty piece too
            for (String piece : pieces(call.argumentsJson(), TOOL_INPUT_PIECE)) {
                events.add(blockDelta(index, inputDelta(piece)));
            }
            events.add(blockStop(index++));
        }
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason(answer.finishReason())).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", answer.completionTokens());
        events.add(event(delta));
        events.add(event(Json.object().put("type", "message_stop")));
        return events;
    }

    /** One server-sent event; its name is the payload's {@code type}, as in every Anthropic event. */
    public static Buffer event(ObjectNode payload) {
        return Buffer.buffer("event: " + payload.path("type").asText() + "\ndata: " + payload + "\n\n");
    }

    /** {@code {"type":"error","error":{"type":..., "message":...}}}, as an HTTP body or an {@code error} event. */
    public static ObjectNode error(String type, String message) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /** The error type Anthropic documents for an HTTP status. */
    public static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** {@code text} cut into pieces of at most {@code size} characters (never inside a surrogate pair). */
    public static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + size);
            if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                to++;
            }
            pieces.add(text.substring(from, to));
            from = to;
        }
        return pieces;
    }

    private static ObjectNode messageEnvelope(String model, String id) {
        ObjectNode message = Json.object().put("id", id).put("type", "message").put("role", "assistant");
        message.put("model", model).putNull("stop_reason").putNull("stop_sequence");
        return message;
    }

    private static ObjectNode toolUse(ObjectNode block, Answer.ToolCallSpec call) {
        return block.put("type", "tool_use").put("id", call.id()).put("name", call.name());
    }

    private static Buffer blockStart(int index, ObjectNode block) {
        ObjectNode payload = Json.object().put("type", "content_block_start").put("index", index);
        payload.set("content_block", block);
        return event(payload);
    }

    private static Buffer blockDelta(int index, ObjectNode delta) {
        ObjectNode payload = Json.object().put("type", "content_block_delta").put("index", index);
        payload.set("delta", delta);
        return event(payload);
    }

    private static Buffer blockStop(int index) {
        return event(Json.object().put("type", "content_block_stop").put("index", index));
    }

    private static ObjectNode inputDelta(String piece) {
        return Json.object().put("type", "input_json_delta").put("partial_json", piece);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
