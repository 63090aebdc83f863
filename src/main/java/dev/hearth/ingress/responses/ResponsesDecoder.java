package dev.hearth.ingress.responses;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalNumber;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an OpenAI Responses API request ({@code POST /v1/responses}) into the canonical chat request, validating
 * types and naming the offending field in the 400 it throws.
 *
 * <p>Hearth serves the Responses API statelessly, translated to chat-style backends:
 * <ul>
 *   <li>{@code instructions} is the first system turn; {@code input} is decoded by {@link InputItems}.</li>
 *   <li>{@code max_output_tokens}, {@code temperature} and {@code top_p} are the canonical sampling options;
 *       {@code parallel_tool_calls} (with tools) and {@code user} travel as chat fields.</li>
 *   <li>{@code metadata} is checked and echoed back only; {@code store} is accepted whatever its value, since Hearth
 *       never stores a response (the answer says {@code store: false}); {@code reasoning}, {@code include},
 *       {@code truncation}, {@code service_tier}, {@code prompt_cache_key} and other fields with no chat equivalent
 *       are ignored.</li>
 *   <li>Stored state ({@code previous_response_id}, {@code conversation}, stored {@code prompt} templates) and
 *       {@code background: true} are refused with a 400 that says why.</li>
 * </ul>
 */
final class ResponsesDecoder {
    private ResponsesDecoder() {}

    static ResponsesRequest decode(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        refuseStoredState(body);
        String model = requiredString(body, "model", "model");
        String instructions = optionalString(body, "instructions", "instructions");
        List<Message> messages = new ArrayList<>();
        if (instructions != null) {
            messages.add(Message.text(Role.SYSTEM, instructions));
        }
        messages.addAll(InputItems.decode(body.get("input")));

        List<ToolDefinition> tools = ToolsAndFormat.tools(body);
        Object toolChoice = ToolsAndFormat.toolChoice(body);
        var format = ToolsAndFormat.format(body);
        Integer maxOutputTokens = optionalInt(body, "max_output_tokens", "max_output_tokens", 1);
        Double temperature = optionalNumber(body, "temperature", "temperature");
        Double topP = optionalNumber(body, "top_p", "top_p");
        boolean stream = optionalBoolean(body, "stream", "stream", false);
        boolean parallelToolCalls = optionalBoolean(body, "parallel_tool_calls", "parallel_tool_calls", true);
        String user = optionalString(body, "user", "user");
        JsonNode metadata = metadata(body);
        optionalObject(body, "reasoning", "reasoning"); // accepted and ignored: chat backends have no equivalent
        optionalBoolean(body, "store", "store", false); // any value: Hearth stores nothing either way

        // max_tokens, not max_completion_tokens: every OpenAI-compatible server (llama.cpp, LM Studio, vLLM,
        // Mistral) knows the older name.
        Sampling sampling = new Sampling(temperature, topP, null, maxOutputTokens, false, List.of(), null, null,
                null);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (!tools.isEmpty() && body.hasNonNull("parallel_tool_calls")) {
            extra.put("parallel_tool_calls", parallelToolCalls); // OpenAI refuses the flag without tools
        }
        if (user != null) {
            extra.put("user", user);
        }
        ChatRequest chat = new ChatRequest(model, messages, tools, toolChoice, format, sampling, stream, false,
                extra);
        ResponsesRequest.Echo echo = new ResponsesRequest.Echo(instructions, maxOutputTokens, temperature, topP,
                parallelToolCalls, echoedTools(tools),
                echoed(body, "tool_choice", Json.MAPPER.getNodeFactory().textNode("auto")),
                echoed(body, "text", defaultText()), metadata, user);
        return new ResponsesRequest(chat, echo);
    }

    private static void refuseStoredState(JsonNode body) {
        if (body.hasNonNull("previous_response_id")) {
            throw Unsupported.storedState("previous_response_id", "it continues a response stored on the server.");
        }
        if (body.hasNonNull("conversation")) {
            throw Unsupported.storedState("conversation", "it continues a conversation stored on the server.");
        }
        if (body.hasNonNull("prompt")) {
            throw Unsupported.storedState("prompt", "it refers to a prompt template stored on the server; send"
                    + " 'instructions' instead.");
        }
        if (optionalBoolean(body, "background", "background", false)) {
            throw Unsupported.feature("background", "'background' mode is not supported: Hearth does not store"
                    + " responses to poll later, and answers while the request is open. Use \"stream\": true for"
                    + " long answers.");
        }
    }

    /** Up to 16 string values, as OpenAI defines metadata; echoed back, never sent to a backend. */
    private static JsonNode metadata(JsonNode body) {
        JsonNode metadata = optionalObject(body, "metadata", "metadata");
        if (metadata == null) {
            return Json.object();
        }
        if (metadata.size() > 16) {
            throw invalid("metadata", "'metadata' may hold at most 16 keys");
        }
        metadata.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw invalid("metadata." + field.getKey(), "'metadata." + field.getKey() + "' must be a string");
            }
        });
        return metadata;
    }

    /** Function tools as OpenAI echoes them: every field present, null when the client left it out. */
    private static JsonNode echoedTools(List<ToolDefinition> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ToolDefinition tool : tools) {
            ObjectNode node = out.addObject().put("type", "function").put("name", tool.name())
                    .put("description", tool.description());
            node.set("parameters", Json.MAPPER.valueToTree(tool.parameters()));
            node.put("strict", tool.strict());
        }
        return out;
    }

    private static JsonNode echoed(JsonNode body, String field, JsonNode fallback) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? fallback : value;
    }

    private static JsonNode defaultText() {
        var text = Json.object();
        text.putObject("format").put("type", "text");
        return text;
    }
}
