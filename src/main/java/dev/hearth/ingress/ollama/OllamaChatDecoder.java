package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes an Ollama {@code POST /api/chat} body (docs/api.md of ollama/ollama) into the canonical request:
 * {@code model}, {@code messages} ({@link OllamaMessages}), {@code tools} (OpenAI's function shape), {@code format},
 * {@code options}, {@code stream} (true unless false), {@code think} and {@code keep_alive} ({@link OllamaFields}).
 * An absent or empty {@code messages} is Ollama's "load the model" call. Fields Ollama does not document are ignored,
 * as Ollama ignores them; nothing is kept for pass-through (see {@link OllamaFields} for why).
 *
 * <p>Failure: a {@link dev.hearth.error.GatewayException} with a 400 naming the field path. Stateless.
 */
final class OllamaChatDecoder {
    private OllamaChatDecoder() {}

    static OllamaCall decode(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String model = model(body);
        JsonNode messagesNode = optionalArray(body, "messages", "messages");
        List<Message> messages = messagesNode == null ? List.of() : OllamaMessages.decode(messagesNode);
        ChatRequest request = new ChatRequest(model, messages, tools(body), null, OllamaFields.format(body),
                OllamaFields.sampling(body), OllamaFields.stream(body), false, Map.of());
        return new OllamaCall(request, OllamaFields.showThinking(body), OllamaFields.unload(body));
    }

    /** {@code model}, required and non-blank (Ollama: "model is required"). */
    static String model(JsonNode body) {
        String model = requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw invalid("model", "'model' is required");
        }
        return model;
    }

    private static List<ToolDefinition> tools(JsonNode body) {
        JsonNode node = optionalArray(body, "tools", "tools");
        if (node == null) {
            return List.of();
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tools[" + i + "]";
            if (!node.get(i).isObject()) {
                throw invalid(path, "'" + path + "' must be an object");
            }
            String type = optionalString(node.get(i), "type", path + ".type");
            if (type != null && !type.equals("function")) {
                throw invalid(path + ".type", "'" + path + ".type' must be \"function\"; got '" + type + "'");
            }
            JsonNode function = optionalObject(node.get(i), "function", path + ".function");
            if (function == null) {
                throw invalid(path + ".function", "'" + path + ".function' is required");
            }
            tools.add(new ToolDefinition(requiredString(function, "name", path + ".function.name"),
                    optionalString(function, "description", path + ".function.description"),
                    Json.toMap(optionalObject(function, "parameters", path + ".function.parameters")), null));
        }
        return tools;
    }
}
