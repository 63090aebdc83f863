package dev.hearth.provider.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Writes a canonical request as an OpenAI Chat Completions body, always streaming with usage. Fields the client sent
 * that Hearth does not model are written back unchanged, so OpenAI-compatible backends see what the client meant.
 */
public final class OpenAiRequestWriter {
    /** Fields this writer owns; an extra with one of these names is never written twice. */
    static final Set<String> MODELED = Set.of("model", "messages", "tools", "tool_choice", "response_format",
            "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "seed",
            "presence_penalty", "frequency_penalty", "stream", "stream_options");

    private OpenAiRequestWriter() {}

    public static Buffer write(ChatRequest request, String upstreamModel) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model", upstreamModel);
            gen.writeArrayFieldStart("messages");
            for (Message message : request.messages()) {
                writeMessage(gen, message);
            }
            gen.writeEndArray();
            writeTools(gen, request);
            writeResponseFormat(gen, request.responseFormat());
            writeSampling(gen, request.sampling());
            gen.writeBooleanField("stream", true);
            gen.writeObjectFieldStart("stream_options");
            gen.writeBooleanField("include_usage", true);
            gen.writeEndObject();
            for (Map.Entry<String, Object> extra : request.extra().entrySet()) {
                if (!MODELED.contains(extra.getKey())) {
                    gen.writeObjectField(extra.getKey(), extra.getValue());
                }
            }
            gen.writeEndObject();
        });
    }

    private static void writeMessage(JsonGenerator gen, Message message) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("role", message.role().name().toLowerCase());
        if (message.name() != null) {
            gen.writeStringField("name", message.name());
        }
        writeContent(gen, message);
        if (!message.toolCalls().isEmpty()) {
            gen.writeArrayFieldStart("tool_calls");
            for (ToolCall call : message.toolCalls()) {
                gen.writeStartObject();
                gen.writeStringField("id", call.id());
                gen.writeStringField("type", "function");
                gen.writeObjectFieldStart("function");
                gen.writeStringField("name", call.name());
                gen.writeStringField("arguments", call.arguments() == null ? "{}" : call.arguments());
                gen.writeEndObject();
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (message.toolCallId() != null) {
            gen.writeStringField("tool_call_id", message.toolCallId());
        }
        gen.writeEndObject();
    }

    private static void writeContent(JsonGenerator gen, Message message) throws IOException {
        var parts = message.content();
        if (parts.isEmpty()) {
            gen.writeNullField("content");
        } else if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
            gen.writeStringField("content", text.text());
        } else {
            gen.writeArrayFieldStart("content");
            for (ContentPart part : parts) {
                switch (part) {
                    case ContentPart.Text text -> {
                        gen.writeStartObject();
                        gen.writeStringField("type", "text");
                        gen.writeStringField("text", text.text());
                        gen.writeEndObject();
                    }
                    case ContentPart.Image image -> {
                        gen.writeStartObject();
                        gen.writeStringField("type", "image_url");
                        gen.writeObjectFieldStart("image_url");
                        gen.writeStringField("url", image.url());
                        if (image.detail() != null) {
                            gen.writeStringField("detail", image.detail());
                        }
                        gen.writeEndObject();
                        gen.writeEndObject();
                    }
                    case ContentPart.Opaque opaque -> gen.writeObject(opaque.json());
                }
            }
            gen.writeEndArray();
        }
    }

    private static void writeTools(JsonGenerator gen, ChatRequest request) throws IOException {
        if (request.tools().isEmpty()) {
            return;
        }
        gen.writeArrayFieldStart("tools");
        for (ToolDefinition tool : request.tools()) {
            gen.writeStartObject();
            gen.writeStringField("type", "function");
            gen.writeObjectFieldStart("function");
            gen.writeStringField("name", tool.name());
            if (tool.description() != null) {
                gen.writeStringField("description", tool.description());
            }
            if (tool.parameters() != null) {
                gen.writeObjectField("parameters", tool.parameters());
            }
            if (tool.strict() != null) {
                gen.writeBooleanField("strict", tool.strict());
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        if (request.toolChoice() != null) {
            gen.writeObjectField("tool_choice", request.toolChoice());
        }
    }

    private static void writeResponseFormat(JsonGenerator gen, ResponseFormat format) throws IOException {
        if (format == null) {
            return;
        }
        gen.writeObjectFieldStart("response_format");
        switch (format.kind()) {
            case TEXT -> gen.writeStringField("type", "text");
            case JSON_OBJECT -> gen.writeStringField("type", "json_object");
            case JSON_SCHEMA -> {
                gen.writeStringField("type", "json_schema");
                gen.writeObjectFieldStart("json_schema");
                gen.writeStringField("name", format.name() == null ? "response" : format.name());
                if (format.schema() != null) {
                    gen.writeObjectField("schema", format.schema());
                }
                if (format.strict() != null) {
                    gen.writeBooleanField("strict", format.strict());
                }
                gen.writeEndObject();
            }
        }
        gen.writeEndObject();
    }

    private static void writeSampling(JsonGenerator gen, Sampling s) throws IOException {
        if (s.temperature() != null) {
            gen.writeNumberField("temperature", s.temperature());
        }
        if (s.topP() != null) {
            gen.writeNumberField("top_p", s.topP());
        }
        if (s.topK() != null) {
            gen.writeNumberField("top_k", s.topK());
        }
        if (s.maxTokens() != null) {
            gen.writeNumberField(s.maxTokensFieldIsNew() ? "max_completion_tokens" : "max_tokens", s.maxTokens());
        }
        if (!s.stop().isEmpty()) {
            gen.writeArrayFieldStart("stop");
            for (String stop : s.stop()) {
                gen.writeString(stop);
            }
            gen.writeEndArray();
        }
        if (s.seed() != null) {
            gen.writeNumberField("seed", s.seed());
        }
        if (s.presencePenalty() != null) {
            gen.writeNumberField("presence_penalty", s.presencePenalty());
        }
        if (s.frequencyPenalty() != null) {
            gen.writeNumberField("frequency_penalty", s.frequencyPenalty());
        }
    }
}
