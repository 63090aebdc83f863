package dev.hearth.ingress.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.error.GatewayError;
import dev.hearth.json.Json;
import dev.hearth.model.Usage;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Responses API's streaming events, as SSE frames ({@code event: <type>} and one JSON {@code data} line carrying
 * the same {@code type} and a {@code sequence_number} that counts up from 0).
 *
 * <p>Order for one answer: {@code response.created}, {@code response.in_progress}; per message item
 * {@code output_item.added}, {@code content_part.added}, {@code output_text.delta}..., {@code output_text.done},
 * {@code content_part.done}, {@code output_item.done}; per function call {@code output_item.added},
 * {@code function_call_arguments.delta}..., {@code function_call_arguments.done}, {@code output_item.done}; per
 * reasoning item {@code output_item.added}, {@code reasoning_text.delta}..., {@code reasoning_text.done},
 * {@code output_item.done}; then {@code response.completed} or {@code response.incomplete}. A failure after the
 * stream began ends it with an {@code error} event and then {@code response.failed}, as OpenAI's own streams do:
 * SDKs surface the first, agents such as Codex wait for a terminal {@code response.*} event. No {@code [DONE]}.
 * Not thread-safe: one per exchange, on its event loop.
 */
final class ResponseEvents implements ResponseOutput.Listener {
    private final Consumer<Buffer> out;
    private final ResponseBody body;
    private int sequence;

    ResponseEvents(Consumer<Buffer> out, ResponseBody body) {
        this.out = out;
        this.body = body;
    }

    void started() {
        lifecycle("response.created", ResponseBody.IN_PROGRESS, List.of(), null, null, null);
        lifecycle("response.in_progress", ResponseBody.IN_PROGRESS, List.of(), null, null, null);
    }

    /** {@code response.completed}, or {@code response.incomplete} with its reason. */
    void finished(List<OutputItem> output, Usage usage, String incompleteReason) {
        if (incompleteReason == null) {
            lifecycle("response.completed", ResponseBody.COMPLETED, output, usage, null, null);
        } else {
            lifecycle("response.incomplete", ResponseBody.INCOMPLETE, output, usage, null, incompleteReason);
        }
    }

    void failed(List<OutputItem> output, GatewayError error) {
        event("error", gen -> {
            gen.writeStringField("code", error.code() != null ? error.code() : "server_error");
            gen.writeStringField("message", error.message());
            gen.writeStringField("param", error.param());
        });
        lifecycle("response.failed", ResponseBody.FAILED, output, null, error, null);
    }

    @Override
    public void added(int outputIndex, OutputItem item) {
        event("response.output_item.added", gen -> {
            gen.writeNumberField("output_index", outputIndex);
            gen.writeFieldName("item");
            item.write(gen);
        });
        if (item instanceof OutputItem.Message) {
            event("response.content_part.added", gen -> {
                itemRef(gen, item.id(), outputIndex);
                gen.writeFieldName("part");
                OutputItem.writeTextPart(gen, "");
            });
        }
    }

    @Override
    public void textDelta(int outputIndex, String itemId, String delta) {
        event("response.output_text.delta", gen -> {
            itemRef(gen, itemId, outputIndex);
            gen.writeStringField("delta", delta);
            gen.writeArrayFieldStart("logprobs");
            gen.writeEndArray();
        });
    }

    @Override
    public void reasoningDelta(int outputIndex, String itemId, String delta) {
        event("response.reasoning_text.delta", gen -> {
            itemRef(gen, itemId, outputIndex);
            gen.writeStringField("delta", delta);
        });
    }

    @Override
    public void argumentsDelta(int outputIndex, String itemId, String delta) {
        event("response.function_call_arguments.delta", gen -> {
            gen.writeStringField("item_id", itemId);
            gen.writeNumberField("output_index", outputIndex);
            gen.writeStringField("delta", delta);
        });
    }

    @Override
    public void done(int outputIndex, OutputItem item) {
        switch (item) {
            case OutputItem.Message m -> {
                event("response.output_text.done", gen -> {
                    itemRef(gen, m.id(), outputIndex);
                    gen.writeStringField("text", m.text());
                    gen.writeArrayFieldStart("logprobs");
                    gen.writeEndArray();
                });
                event("response.content_part.done", gen -> {
                    itemRef(gen, m.id(), outputIndex);
                    gen.writeFieldName("part");
                    OutputItem.writeTextPart(gen, m.text());
                });
            }
            case OutputItem.Reasoning r -> event("response.reasoning_text.done", gen -> {
                itemRef(gen, r.id(), outputIndex);
                gen.writeStringField("text", r.text());
            });
            case OutputItem.FunctionCall c -> event("response.function_call_arguments.done", gen -> {
                gen.writeStringField("item_id", c.id());
                gen.writeNumberField("output_index", outputIndex);
                gen.writeStringField("name", c.name());
                gen.writeStringField("arguments", c.arguments());
            });
        }
        event("response.output_item.done", gen -> {
            gen.writeNumberField("output_index", outputIndex);
            gen.writeFieldName("item");
            item.write(gen);
        });
    }

    private void lifecycle(String type, String status, List<OutputItem> output, Usage usage, GatewayError error,
            String incompleteReason) {
        event(type, gen -> {
            gen.writeFieldName("response");
            body.write(gen, status, output, usage, error, incompleteReason);
        });
    }

    private static void itemRef(JsonGenerator gen, String itemId, int outputIndex) throws IOException {
        gen.writeStringField("item_id", itemId);
        gen.writeNumberField("output_index", outputIndex);
        gen.writeNumberField("content_index", 0);
    }

    private void event(String type, Json.Writer fields) {
        int number = sequence++;
        Buffer json = Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("type", type);
            gen.writeNumberField("sequence_number", number);
            fields.write(gen);
            gen.writeEndObject();
        });
        out.accept(Buffer.buffer(json.length() + type.length() + 16)
                .appendString("event: ").appendString(type).appendString("\ndata: ")
                .appendBuffer(json).appendString("\n\n"));
    }
}
