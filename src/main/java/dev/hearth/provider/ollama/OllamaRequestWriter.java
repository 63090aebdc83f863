package dev.hearth.provider.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a canonical request as an Ollama {@code /api/chat} body, always streaming: messages (text parts joined,
 * images as base64 in {@code images}, assistant {@code tool_calls} with their arguments as a JSON object, tool results
 * with {@code tool_name} when the call they answer is found earlier in the conversation), {@code tools},
 * {@code format} ("json" or the schema object), {@code options} (see {@link OllamaOptions}, num_ctx always), and
 * {@code keep_alive}, {@code think} and {@code options} when the client sent them in Ollama's terms (request extra).
 * Other extras are OpenAI fields Ollama's native API does not know, and are not sent. Ollama has no tool_choice;
 * "none" is honoured by not offering the tools, other choices cannot be enforced and the tools are offered as they
 * are.
 *
 * <p>Failure: a request Ollama cannot receive faithfully (an image given by remote URL, since Ollama takes only the
 * bytes; a content part of a kind Ollama has no field for; tool-call arguments that are not a JSON object) throws
 * {@link UpstreamException} with {@link UpstreamFailure.Kind#BAD_REQUEST} naming the reason, before anything is
 * sent. Stateless and thread-safe.
 */
public final class OllamaRequestWriter {

    private OllamaRequestWriter() {}

    /**
     * @param promptTokens the prompt's size as {@link dev.hearth.tokens.TokenCounter#countPrompt} estimates it, to
     *                     size {@code num_ctx}
     * @throws UpstreamException BAD_REQUEST when the request holds something Ollama cannot receive
     */
    public static Buffer write(ChatRequest request, String upstreamModel, int promptTokens) {
        Sampling sampling = request.sampling() == null ? Sampling.NONE : request.sampling();
        int numCtx = OllamaOptions.contextWindow(promptTokens, sampling.maxTokens());
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model", upstreamModel);
            writeMessages(gen, request.messages());
            writeTools(gen, request);
            writeFormat(gen, request.responseFormat());
            OllamaOptions.write(gen, sampling, numCtx, request.extra().get("options"));
            gen.writeBooleanField("stream", true);
            for (String passed : List.of("keep_alive", "think")) {
                Object value = request.extra().get(passed);
                if (value != null) {
                    gen.writeObjectField(passed, value);
                }
            }
            gen.writeEndObject();
        });
    }

    private static void writeMessages(JsonGenerator gen, List<Message> messages) throws IOException {
        Map<String, String> callNames = new HashMap<>();
        gen.writeArrayFieldStart("messages");
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            gen.writeStartObject();
            gen.writeStringField("role", message.role().name().toLowerCase(Locale.ROOT));
            writeContent(gen, message, i);
            if (!message.toolCalls().isEmpty()) {
                gen.writeArrayFieldStart("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    if (call.id() != null) {
                        callNames.put(call.id(), call.name());
                    }
                    gen.writeStartObject();
                    gen.writeObjectFieldStart("function");
                    gen.writeStringField("name", call.name());
                    gen.writeFieldName("arguments");
                    gen.writeTree(argumentsObject(call, i));
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
            String toolName = message.toolCallId() == null ? null : callNames.get(message.toolCallId());
            if (toolName == null) {
                toolName = message.name();
            }
            if (toolName != null && message.role() == Role.TOOL) {
                gen.writeStringField("tool_name", toolName);
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    private static void writeContent(JsonGenerator gen, Message message, int index) throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> images = new ArrayList<>();
        for (ContentPart part : message.content()) {
            switch (part) {
                case ContentPart.Text t -> {
                    // Separate parts so that the words at their edges do not run together in Ollama's single string.
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(t.text());
                }
                case ContentPart.Image image -> {
                    String data = image.base64Data();
                    if (data == null) {
                        throw refuse("messages[" + index + "]: Ollama accepts images only as inline data: URLs,"
                                + " not by remote URL");
                    }
                    images.add(data);
                }
                case ContentPart.Opaque opaque -> throw refuse("messages[" + index + "]: Ollama cannot receive"
                        + " content of type '" + opaque.type() + "'");
            }
        }
        gen.writeStringField("content", text.toString());
        if (!images.isEmpty()) {
            gen.writeArrayFieldStart("images");
            for (String image : images) {
                gen.writeString(image);
            }
            gen.writeEndArray();
        }
    }

    private static JsonNode argumentsObject(ToolCall call, int index) {
        String arguments = call.arguments();
        if (arguments == null || arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.read(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // refused below
        }
        throw refuse("messages[" + index + "]: arguments of tool call '" + call.name()
                + "' are not a JSON object, which Ollama requires");
    }

    private static void writeTools(JsonGenerator gen, ChatRequest request) throws IOException {
        if (request.tools().isEmpty() || "none".equals(request.toolChoice())) {
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
            // Ollama needs a schema to render the tool into the prompt; an absent one means "no arguments".
            Object parameters = tool.parameters() == null ? Map.of("type", "object") : tool.parameters();
            gen.writeObjectField("parameters", parameters);
            gen.writeEndObject();
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    private static void writeFormat(JsonGenerator gen, ResponseFormat format) throws IOException {
        if (format == null) {
            return;
        }
        switch (format.kind()) {
            case TEXT -> { }
            case JSON_OBJECT -> gen.writeStringField("format", "json");
            case JSON_SCHEMA -> {
                if (format.schema() == null) {
                    gen.writeStringField("format", "json");
                } else {
                    gen.writeObjectField("format", format.schema());
                }
            }
        }
    }

    private static UpstreamException refuse(String reason) {
        return new UpstreamException(UpstreamFailure.of(UpstreamFailure.Kind.BAD_REQUEST, reason));
    }
}
