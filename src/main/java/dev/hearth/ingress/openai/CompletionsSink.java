package dev.hearth.ingress.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.dispatch.Served;
import dev.hearth.error.GatewayError;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.json.Json;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;

/** Writes a legacy {@code text_completion} answer, streamed as SSE or as one JSON object. */
final class CompletionsSink extends HttpClientSink {
    private final boolean stream;
    private final boolean includeUsage;
    private final String id;
    private final long created = System.currentTimeMillis() / 1000;
    private final AnswerCollector collector = new AnswerCollector();
    private String model;

    CompletionsSink(HttpServerResponse response, String requestId, boolean stream, boolean includeUsage) {
        super(response, OpenAiErrorWriter.INSTANCE);
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.id = "cmpl-" + requestId;
    }

    @Override
    protected void onBegin(Served served) {
        model = served.route().model();
        if (stream) {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache");
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (!stream) {
            collector.add(event);
            return;
        }
        switch (event) {
            case StreamEvent.TextDelta d -> write(frame(d.text(), null, null));
            case StreamEvent.Finish f -> write(frame("", f.reason().wire(), null));
            default -> { }
        }
    }

    @Override
    public void complete(Usage usage) {
        if (stream) {
            if (includeUsage) {
                write(Buffer.buffer("data: ").appendBuffer(Json.write(gen -> {
                    head(gen);
                    gen.writeArrayFieldStart("choices");
                    gen.writeEndArray();
                    usage(gen, usage);
                    gen.writeEndObject();
                })).appendString("\n\n"));
            }
            response.end("data: [DONE]\n\n");
            return;
        }
        AnswerCollector.Choice choice = collector.choices().getFirst();
        response.putHeader("Content-Type", "application/json").end(Json.write(gen -> {
            head(gen);
            gen.writeArrayFieldStart("choices");
            choice(gen, choice.text(), choice.finishReason().wire());
            gen.writeEndArray();
            usage(gen, usage);
            gen.writeEndObject();
        }));
    }

    @Override
    protected void failInBand(GatewayError error) {
        response.end(Buffer.buffer("data: ").appendBuffer(OpenAiErrors.body(error)).appendString("\n\n"));
    }

    private Buffer frame(String text, String finish, Usage usage) {
        return Buffer.buffer("data: ").appendBuffer(Json.write(gen -> {
            head(gen);
            gen.writeArrayFieldStart("choices");
            choice(gen, text, finish);
            gen.writeEndArray();
            gen.writeEndObject();
        })).appendString("\n\n");
    }

    private void head(JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", id);
        gen.writeStringField("object", "text_completion");
        gen.writeNumberField("created", created);
        gen.writeStringField("model", model);
    }

    private static void choice(JsonGenerator gen, String text, String finish) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("text", text);
        gen.writeNumberField("index", 0);
        gen.writeNullField("logprobs");
        if (finish == null) {
            gen.writeNullField("finish_reason");
        } else {
            gen.writeStringField("finish_reason", finish);
        }
        gen.writeEndObject();
    }

    private static void usage(JsonGenerator gen, Usage usage) throws IOException {
        gen.writeObjectFieldStart("usage");
        gen.writeNumberField("prompt_tokens", usage.promptTokens());
        gen.writeNumberField("completion_tokens", usage.completionTokens());
        gen.writeNumberField("total_tokens", usage.totalTokens());
        gen.writeEndObject();
    }
}
