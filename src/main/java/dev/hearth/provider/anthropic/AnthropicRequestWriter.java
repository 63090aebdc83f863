package dev.hearth.provider.anthropic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolDefinition;
import dev.hearth.provider.UpstreamException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a canonical request as an Anthropic Messages body ({@code POST /v1/messages}), always streaming. System
 * messages become the top-level {@code system} text; the conversation is written by {@link AnthropicTurnWriter}.
 *
 * <p>Not sent, because the Messages API has no such parameter: {@code seed}, {@code presence_penalty},
 * {@code frequency_penalty}, participant names, and request fields Hearth does not model (those are OpenAI's, passed
 * through only to OpenAI-compatible backends). They are dropped silently rather than failing the attempt, as they
 * tune sampling but do not change what was asked. {@code temperature} is sent as given: Anthropic's range is 0 to 1
 * where OpenAI's is 0 to 2, and a larger value is Anthropic's to refuse (BAD_REQUEST), not Hearth's to rescale.
 *
 * <p>Failure: content Anthropic cannot take throws {@link UpstreamException} with kind {@code BAD_REQUEST} before
 * anything is written. Stateless and thread-safe.
 */
public final class AnthropicRequestWriter {
    /**
     * Anthropic requires {@code max_tokens} while OpenAI-style clients usually leave it out. 4096 is accepted by every
     * current Claude model and long enough for most chat answers; a client that needs more says so.
     */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicRequestWriter() {}

    /** @throws UpstreamException (BAD_REQUEST) when the request holds something Anthropic cannot take */
    public static Buffer write(ChatRequest request, String upstreamModel) {
        ArrayNode turns = AnthropicTurnWriter.write(request.messages());
        String system = system(request);
        JsonNode toolChoice = toolChoice(request);
        Sampling sampling = request.sampling() == null ? Sampling.NONE : request.sampling();
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model", upstreamModel);
            gen.writeNumberField("max_tokens",
                    sampling.maxTokens() != null ? sampling.maxTokens() : DEFAULT_MAX_TOKENS);
            if (!system.isEmpty()) {
                gen.writeStringField("system", system);
            }
            gen.writeFieldName("messages");
            gen.writeTree(turns);
            writeTools(gen, request.tools());
            if (toolChoice != null) {
                gen.writeFieldName("tool_choice");
                gen.writeTree(toolChoice);
            }
            writeSampling(gen, sampling);
            gen.writeBooleanField("stream", true);
            gen.writeEndObject();
        });
    }

    /** System messages joined, then the structured-output instruction if the client asked for JSON. */
    private static String system(ChatRequest request) {
        List<String> pieces = new ArrayList<>();
        for (Message message : request.messages()) {
            if (message.role() != Role.SYSTEM) {
                continue;
            }
            for (ContentPart part : message.content()) {
                if (!(part instanceof ContentPart.Text)) {
                    throw AnthropicTurnWriter.badRequest("Anthropic's system prompt takes text only");
                }
            }
            if (!message.joinedText().isBlank()) {
                pieces.add(message.joinedText());
            }
        }
        String instruction = jsonInstruction(request.responseFormat());
        if (instruction != null) {
            pieces.add(instruction);
        }
        return String.join("\n\n", pieces);
    }

    /**
     * The Messages API has no JSON mode, so the request for JSON is carried as an instruction. This is best-effort:
     * the model usually complies, but nothing upstream enforces the format or the schema.
     */
    private static String jsonInstruction(ResponseFormat format) {
        if (format == null || format.kind() == ResponseFormat.Kind.TEXT) {
            return null;
        }
        String onlyJson = "Reply with JSON only: no prose before or after it and no Markdown code fences.";
        if (format.kind() == ResponseFormat.Kind.JSON_OBJECT || format.schema() == null) {
            return onlyJson + " The reply must be a single valid JSON object.";
        }
        try {
            return onlyJson + " The reply must be a single JSON value that is valid against this JSON Schema"
                    + (format.name() == null ? "" : " (\"" + format.name() + "\")") + ":\n"
                    + Json.MAPPER.writeValueAsString(format.schema());
        } catch (JsonProcessingException e) {
            throw AnthropicTurnWriter.badRequest("response_format schema cannot be written as JSON");
        }
    }

    private static void writeTools(JsonGenerator gen, List<ToolDefinition> tools) throws IOException {
        if (tools.isEmpty()) {
            return;
        }
        gen.writeArrayFieldStart("tools");
        for (ToolDefinition tool : tools) {
            gen.writeStartObject();
            gen.writeStringField("name", tool.name());
            if (tool.description() != null) {
                gen.writeStringField("description", tool.description());
            }
            gen.writeFieldName("input_schema");
            if (tool.parameters() != null) {
                gen.writeObject(tool.parameters());
            } else {
                // input_schema is required; a function without parameters takes an empty object
                gen.writeStartObject();
                gen.writeStringField("type", "object");
                gen.writeObjectFieldStart("properties");
                gen.writeEndObject();
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    /**
     * OpenAI's tool_choice in Anthropic's words, with {@code parallel_tool_calls: false} folded in. Written only with
     * tools, as the OpenAI writer does. An unknown choice fails rather than being silently ignored.
     */
    private static JsonNode toolChoice(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return null;
        }
        boolean serialOnly = Boolean.FALSE.equals(request.extra().get("parallel_tool_calls"));
        if (request.toolChoice() == null && !serialOnly) {
            return null;
        }
        JsonNode choice = request.toolChoice() == null ? Json.MAPPER.getNodeFactory().textNode("auto")
                : Json.MAPPER.valueToTree(request.toolChoice());
        ObjectNode out = Json.object();
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> out.put("type", "auto");
                case "required" -> out.put("type", "any");
                case "none" -> out.put("type", "none");
                default -> throw AnthropicTurnWriter.badRequest("tool_choice '" + choice.asText() + "' not supported");
            }
        } else {
            String name = Json.text(choice.path("function"), "name");
            if (!"function".equals(Json.text(choice, "type")) || name == null) {
                throw AnthropicTurnWriter.badRequest("tool_choice must name a function");
            }
            out.put("type", "tool").put("name", name);
        }
        // Anthropic allows the flag on every choice but "none", where no call can be parallel anyway.
        if (serialOnly && !"none".equals(out.path("type").asText())) {
            out.put("disable_parallel_tool_use", true);
        }
        return out;
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
        if (!s.stop().isEmpty()) {
            gen.writeArrayFieldStart("stop_sequences");
            for (String stop : s.stop()) {
                gen.writeString(stop);
            }
            gen.writeEndArray();
        }
    }
}
