package dev.hearth.ingress.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.dispatch.Served;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.json.Json;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.ToolCall;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes an answer in OpenAI's Chat Completions format: {@code chat.completion.chunk} SSE events ending with
 * {@code data: [DONE]} when streaming, one {@code chat.completion} object otherwise. The {@code model} field names
 * the model that actually answered.
 *
 * <p>Fast path: when the upstream speaks the same format, its frames arrive as {@link StreamEvent.WireFrame}s ahead of
 * the typed events; a streaming answer then relays those bytes as they are (usage tapped by dispatch) and ignores
 * the typed events, instead of re-encoding every chunk.
 */
public final class ChatCompletionsSink extends HttpClientSink {
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final boolean stream;
    private final boolean includeUsage;
    private final String id;
    private final long created = System.currentTimeMillis() / 1000;
    private final AnswerCollector collector = new AnswerCollector();
    private final Set<Integer> roleSent = new HashSet<>();
    private String model;
    private boolean relaying;
    private boolean relayClosed;
    private boolean usageRelayed;

    public ChatCompletionsSink(HttpServerResponse response, String requestId, boolean stream, boolean includeUsage) {
        super(response, OpenAiErrorWriter.INSTANCE);
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.id = "chatcmpl-" + requestId;
    }

    @Override
    protected void onBegin(Served served) {
        model = served.route().model();
        if (stream) {
            response.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (!stream) {
            collector.add(event);
            return;
        }
        if (event instanceof StreamEvent.WireFrame frame) {
            if (relayClosed || !frame.wire().equals(StreamEvent.WireFrame.OPENAI_CHAT)) {
                return;
            }
            relaying = true;
            relay(frame);
            return;
        }
        if (relaying) {
            return; // already in the relayed frames
        }
        switch (event) {
            case StreamEvent.TextDelta d -> chunk(d.choice(), gen -> gen.writeStringField("content", d.text()), null);
            case StreamEvent.ReasoningDelta d ->
                    chunk(d.choice(), gen -> gen.writeStringField("reasoning_content", d.text()), null);
            case StreamEvent.ToolCallDelta d -> chunk(d.choice(), gen -> writeToolCallDelta(gen, d), null);
            case StreamEvent.Finish f -> chunk(f.choice(), gen -> { }, f.reason().wire());
            case StreamEvent.UsageReport u -> { }
            case StreamEvent.WireFrame f -> { }
        }
    }

    @Override
    public void stopRelaying() {
        if (relaying) {
            roleSent.add(0); // the relayed frames already opened choice 0
        }
        relaying = false;
        relayClosed = true;
    }

    private void relay(StreamEvent.WireFrame frame) {
        if (frame.usageOnly()) {
            if (!includeUsage) {
                return; // Hearth asked the upstream for usage; this client did not
            }
            usageRelayed = true;
        }
        write(Buffer.buffer(frame.bytes()));
    }

    @Override
    public void complete(Usage usage) {
        if (!stream) {
            response.putHeader("Content-Type", "application/json").end(completion(usage));
            return;
        }
        if (includeUsage && !usageRelayed) {
            write(sse(Json.write(gen -> {
                writeChunkHead(gen);
                gen.writeArrayFieldStart("choices");
                gen.writeEndArray();
                writeUsage(gen, usage);
                gen.writeEndObject();
            })));
        }
        response.end(DONE);
    }

    @Override
    protected void failInBand(GatewayError error) {
        // OpenAI's own streams report a late failure as a data event carrying an error object; SDKs raise it.
        response.end(sse(OpenAiErrors.body(error)));
    }

    private void chunk(int choice, Json.Writer delta, String finishReason) {
        boolean first = roleSent.add(choice);
        write(sse(Json.write(gen -> {
            writeChunkHead(gen);
            gen.writeArrayFieldStart("choices");
            gen.writeStartObject();
            gen.writeNumberField("index", choice);
            gen.writeObjectFieldStart("delta");
            if (first) {
                gen.writeStringField("role", "assistant");
            }
            delta.write(gen);
            gen.writeEndObject();
            gen.writeNullField("logprobs");
            if (finishReason == null) {
                gen.writeNullField("finish_reason");
            } else {
                gen.writeStringField("finish_reason", finishReason);
            }
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeEndObject();
        })));
    }

    private void writeChunkHead(JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", id);
        gen.writeStringField("object", "chat.completion.chunk");
        gen.writeNumberField("created", created);
        gen.writeStringField("model", model);
    }

    private static void writeToolCallDelta(JsonGenerator gen, StreamEvent.ToolCallDelta d) throws IOException {
        gen.writeArrayFieldStart("tool_calls");
        gen.writeStartObject();
        gen.writeNumberField("index", d.index());
        if (d.id() != null) {
            gen.writeStringField("id", d.id());
            gen.writeStringField("type", "function");
        }
        gen.writeObjectFieldStart("function");
        if (d.name() != null) {
            gen.writeStringField("name", d.name());
        }
        gen.writeStringField("arguments", d.argumentsDelta() == null ? "" : d.argumentsDelta());
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeEndArray();
    }

    private Buffer completion(Usage usage) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("id", id);
            gen.writeStringField("object", "chat.completion");
            gen.writeNumberField("created", created);
            gen.writeStringField("model", model);
            gen.writeArrayFieldStart("choices");
            for (AnswerCollector.Choice choice : collector.choices()) {
                gen.writeStartObject();
                gen.writeNumberField("index", choice.index());
                gen.writeObjectFieldStart("message");
                gen.writeStringField("role", "assistant");
                if (choice.text().isEmpty() && !choice.toolCalls().isEmpty()) {
                    gen.writeNullField("content");
                } else {
                    gen.writeStringField("content", choice.text());
                }
                if (!choice.reasoning().isEmpty()) {
                    gen.writeStringField("reasoning_content", choice.reasoning());
                }
                if (!choice.toolCalls().isEmpty()) {
                    gen.writeArrayFieldStart("tool_calls");
                    for (ToolCall call : choice.toolCalls()) {
                        gen.writeStartObject();
                        gen.writeStringField("id", call.id());
                        gen.writeStringField("type", "function");
                        gen.writeObjectFieldStart("function");
                        gen.writeStringField("name", call.name());
                        gen.writeStringField("arguments", call.arguments());
                        gen.writeEndObject();
                        gen.writeEndObject();
                    }
                    gen.writeEndArray();
                }
                gen.writeEndObject();
                gen.writeNullField("logprobs");
                gen.writeStringField("finish_reason", choice.finishReason().wire());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            writeUsage(gen, usage);
            gen.writeEndObject();
        });
    }

    private static void writeUsage(JsonGenerator gen, Usage usage) throws IOException {
        gen.writeObjectFieldStart("usage");
        gen.writeNumberField("prompt_tokens", usage.promptTokens());
        gen.writeNumberField("completion_tokens", usage.completionTokens());
        gen.writeNumberField("total_tokens", usage.totalTokens());
        gen.writeEndObject();
    }

    private static Buffer sse(Buffer json) {
        return Buffer.buffer(json.length() + 8).appendString("data: ").appendBuffer(json).appendString("\n\n");
    }
}
