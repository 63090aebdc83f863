package dev.hearth.ingress.anthropic;

import dev.hearth.json.Json;
import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Encodes canonical stream events as the server-sent events of a streamed Anthropic message, each with its
 * {@code event:} line: {@code message_start} and one {@code ping}, then per content block {@code content_block_start},
 * its deltas ({@code text_delta}, {@code input_json_delta} with {@code partial_json}, {@code thinking_delta}) and
 * {@code content_block_stop}, then {@code message_delta} (stop reason and usage) and {@code message_stop}.
 *
 * <p>Blocks never overlap: a block is closed before the next one opens, and indexes count up from 0 in the order the
 * blocks open. Consecutive text deltas share one text block; each tool call is one {@code tool_use} block. Reasoning
 * becomes {@code thinking} blocks only when the client enabled thinking, and is dropped otherwise.
 *
 * <p>Usage: {@code message_start} carries the prompt estimate the caller had ready (0 when it had none), since
 * backends report usage only at the end; {@code message_delta} carries the answer's usage, input tokens included,
 * which the SDKs' accumulators take over the first value.
 *
 * <p>Every supported upstream protocol streams tool calls one after another. A piece of a call whose block is
 * already closed cannot be placed in Anthropic's format; {@link #event} then refuses it rather than break the call.
 * One instance per answer; not thread-safe.
 */
final class MessageStream {
    private enum Kind { TEXT, THINKING, TOOL }

    private record Block(Kind kind, int index, int toolIndex) {}

    private final Consumer<Buffer> out;
    private final boolean thinking;
    private final String requestId;
    private final Set<Integer> toolsSeen = new HashSet<>();
    private Block open;
    private int nextIndex;
    private FinishReason finish;

    MessageStream(Consumer<Buffer> out, boolean thinking, String requestId) {
        this.out = out;
        this.thinking = thinking;
        this.requestId = requestId;
    }

    void start(String id, String model, int inputTokensEstimate) {
        emit("message_start", gen -> {
            gen.writeObjectFieldStart("message");
            gen.writeStringField("id", id);
            gen.writeStringField("type", "message");
            gen.writeStringField("role", "assistant");
            gen.writeStringField("model", model);
            gen.writeArrayFieldStart("content");
            gen.writeEndArray();
            gen.writeNullField("stop_reason");
            gen.writeNullField("stop_sequence");
            MessageBody.usage(gen, inputTokensEstimate, 0);
            gen.writeEndObject();
        });
        emit("ping", gen -> { });
    }

    /** Writes what the event adds; false when it cannot be placed (a piece of an already closed tool call). */
    boolean event(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta d when d.choice() == 0 && !d.text().isEmpty() -> {
                ensureOpen(Kind.TEXT, -1, null, null);
                delta("text_delta", "text", d.text());
            }
            case StreamEvent.ReasoningDelta d when thinking && d.choice() == 0 && !d.text().isEmpty() -> {
                ensureOpen(Kind.THINKING, -1, null, null);
                delta("thinking_delta", "thinking", d.text());
            }
            case StreamEvent.ToolCallDelta d when d.choice() == 0 -> {
                boolean current = open != null && open.kind() == Kind.TOOL && open.toolIndex() == d.index();
                if (!current && toolsSeen.contains(d.index())) {
                    return false;
                }
                ensureOpen(Kind.TOOL, d.index(), d.id(), d.name());
                if (d.argumentsDelta() != null && !d.argumentsDelta().isEmpty()) {
                    delta("input_json_delta", "partial_json", d.argumentsDelta());
                }
            }
            case StreamEvent.Finish f when f.choice() == 0 -> finish = f.reason();
            default -> { } // other choices, usage (it comes with the end), and other dialects' wire frames
        }
        return true;
    }

    /**
     * Goes on after a relayed stream: closes its open block ({@code openIndex}, -1 for none) and numbers the blocks
     * written from here on from {@code nextIndex}.
     */
    void resumeAfter(int nextIndex, int openIndex) {
        this.nextIndex = nextIndex;
        if (openIndex >= 0) {
            emit("content_block_stop", gen -> gen.writeNumberField("index", openIndex));
        }
    }

    /** A lone {@code message_stop}. */
    static Buffer stop() {
        return Buffer.buffer("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    /** Closes the open block and ends the message with its stop reason and usage. */
    void end(Usage usage) {
        close();
        String stopReason = MessageBody.stopReason(finish, !toolsSeen.isEmpty());
        emit("message_delta", gen -> {
            gen.writeObjectFieldStart("delta");
            gen.writeStringField("stop_reason", stopReason);
            gen.writeNullField("stop_sequence");
            gen.writeEndObject();
            MessageBody.usage(gen, usage.promptTokens(), usage.completionTokens());
        });
        emit("message_stop", gen -> { });
    }

    /** An {@code error} event (the caller ends the response with it). */
    static Buffer error(Buffer errorBody) {
        return Buffer.buffer("event: error\ndata: ").appendBuffer(errorBody).appendString("\n\n");
    }

    private void ensureOpen(Kind kind, int toolIndex, String id, String name) {
        if (open != null && open.kind() == kind && open.toolIndex() == toolIndex) {
            return;
        }
        close();
        open = new Block(kind, nextIndex++, toolIndex);
        if (kind == Kind.TOOL) {
            toolsSeen.add(toolIndex);
        }
        emit("content_block_start", gen -> {
            gen.writeNumberField("index", open.index());
            gen.writeObjectFieldStart("content_block");
            switch (kind) {
                case TEXT -> {
                    gen.writeStringField("type", "text");
                    gen.writeStringField("text", "");
                }
                case THINKING -> {
                    gen.writeStringField("type", "thinking");
                    gen.writeStringField("thinking", "");
                    gen.writeStringField("signature", "");
                }
                case TOOL -> {
                    gen.writeStringField("type", "tool_use");
                    gen.writeStringField("id", MessageBody.toolId(id, requestId, toolIndex));
                    gen.writeStringField("name", name == null ? "" : name);
                    gen.writeObjectFieldStart("input");
                    gen.writeEndObject();
                }
            }
            gen.writeEndObject();
        });
    }

    private void close() {
        if (open != null) {
            int index = open.index();
            open = null;
            emit("content_block_stop", gen -> gen.writeNumberField("index", index));
        }
    }

    private void delta(String type, String field, String value) {
        int index = open.index();
        emit("content_block_delta", gen -> {
            gen.writeNumberField("index", index);
            gen.writeObjectFieldStart("delta");
            gen.writeStringField("type", type);
            gen.writeStringField(field, value);
            gen.writeEndObject();
        });
    }

    /** One event: {@code event: <type>}, then the payload, whose {@code type} repeats the event's name. */
    private void emit(String type, Json.Writer fields) {
        Buffer payload = Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", type);
            fields.write(gen);
            gen.writeEndObject();
        });
        out.accept(Buffer.buffer(payload.length() + type.length() + 16).appendString("event: ").appendString(type)
                .appendString("\ndata: ").appendBuffer(payload).appendString("\n\n"));
    }
}
