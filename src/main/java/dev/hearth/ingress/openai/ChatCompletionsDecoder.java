package dev.hearth.ingress.openai;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalLong;
import static dev.hearth.ingress.common.JsonFields.optionalNumber;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;
import static dev.hearth.ingress.common.JsonFields.stringOrStrings;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an OpenAI Chat Completions request body into the canonical request, validating types and naming the
 * offending field in the 400 it throws. Fields it does not model are kept in {@link ChatRequest#extra()}.
 */
public final class ChatCompletionsDecoder {
    private static final Set<String> MODELED = Set.of("model", "messages", "tools", "tool_choice", "response_format",
            "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "stop", "seed",
            "presence_penalty", "frequency_penalty", "stream", "stream_options");

    private ChatCompletionsDecoder() {}

    public static ChatRequest decode(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String model = requiredString(body, "model", "model");
        JsonNode messagesNode = optionalArray(body, "messages", "messages");
        if (messagesNode == null || messagesNode.isEmpty()) {
            throw invalid("messages", "'messages' must be a non-empty array");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < messagesNode.size(); i++) {
            messages.add(message(messagesNode.get(i), "messages[" + i + "]"));
        }
        JsonNode streamOptions = optionalObject(body, "stream_options", "stream_options");
        boolean stream = optionalBoolean(body, "stream", "stream", false);
        boolean includeUsage = streamOptions != null
                && optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage", false);
        Integer maxCompletion = optionalInt(body, "max_completion_tokens", "max_completion_tokens", 1);
        Integer maxTokens = maxCompletion != null ? maxCompletion : optionalInt(body, "max_tokens", "max_tokens", 1);
        Sampling sampling = new Sampling(optionalNumber(body, "temperature", "temperature"),
                optionalNumber(body, "top_p", "top_p"), optionalInt(body, "top_k", "top_k", 0), maxTokens,
                maxCompletion != null, stringOrStrings(body, "stop", "stop"), optionalLong(body, "seed", "seed"),
                optionalNumber(body, "presence_penalty", "presence_penalty"),
                optionalNumber(body, "frequency_penalty", "frequency_penalty"));
        return new ChatRequest(model, messages, tools(body), toolChoice(body), responseFormat(body), sampling, stream,
                includeUsage, extras(body));
    }

    private static Message message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "'" + path + "' must be an object");
        }
        Role role = role(requiredString(node, "role", path + ".role"), path + ".role");
        List<ContentPart> content = content(node.get("content"), path + ".content");
        List<ToolCall> calls = new ArrayList<>();
        JsonNode callsNode = optionalArray(node, "tool_calls", path + ".tool_calls");
        if (callsNode != null) {
            for (int i = 0; i < callsNode.size(); i++) {
                String callPath = path + ".tool_calls[" + i + "]";
                JsonNode call = callsNode.get(i);
                JsonNode function = optionalObject(call, "function", callPath + ".function");
                if (function == null) {
                    throw invalid(callPath + ".function", "'" + callPath + ".function' is required");
                }
                calls.add(new ToolCall(optionalString(call, "id", callPath + ".id"),
                        requiredString(function, "name", callPath + ".function.name"),
                        optionalString(function, "arguments", callPath + ".function.arguments")));
            }
        }
        String toolCallId = optionalString(node, "tool_call_id", path + ".tool_call_id");
        if (role == Role.TOOL && toolCallId == null) {
            throw invalid(path + ".tool_call_id", "'" + path + ".tool_call_id' is required for tool messages");
        }
        return new Message(role, content, calls, toolCallId, optionalString(node, "name", path + ".name"));
    }

    private static Role role(String value, String path) {
        return switch (value) {
            case "system", "developer" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool", "function" -> Role.TOOL;
            default -> throw invalid(path, "'" + path + "' must be one of system, developer, user, assistant, tool;"
                    + " got '" + value + "'");
        };
    }

    private static List<ContentPart> content(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(new ContentPart.Text(node.asText()));
        }
        if (!node.isArray()) {
            throw invalid(path, "'" + path + "' must be a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            parts.add(part(node.get(i), path + "[" + i + "]"));
        }
        return parts;
    }

    private static ContentPart part(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "'" + path + "' must be an object");
        }
        String type = requiredString(node, "type", path + ".type");
        return switch (type) {
            case "text" -> new ContentPart.Text(requiredString(node, "text", path + ".text"));
            case "image_url" -> {
                JsonNode image = node.get("image_url");
                if (image != null && image.isTextual()) {
                    yield new ContentPart.Image(image.asText(), null);
                }
                JsonNode object = optionalObject(node, "image_url", path + ".image_url");
                if (object == null) {
                    throw invalid(path + ".image_url", "'" + path + ".image_url' is required");
                }
                yield new ContentPart.Image(requiredString(object, "url", path + ".image_url.url"),
                        optionalString(object, "detail", path + ".image_url.detail"));
            }
            default -> new ContentPart.Opaque(type, Json.toMap(node));
        };
    }

    private static List<ToolDefinition> tools(JsonNode body) {
        JsonNode node = optionalArray(body, "tools", "tools");
        if (node == null) {
            return List.of();
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode function = optionalObject(node.get(i), "function", path + ".function");
            if (function == null) {
                throw invalid(path + ".function", "'" + path + ".function' is required");
            }
            JsonNode parameters = optionalObject(function, "parameters", path + ".function.parameters");
            JsonNode strict = function.get("strict");
            tools.add(new ToolDefinition(requiredString(function, "name", path + ".function.name"),
                    optionalString(function, "description", path + ".function.description"),
                    Json.toMap(parameters), strict != null && strict.isBoolean() ? strict.asBoolean() : null));
        }
        return tools;
    }

    private static Object toolChoice(JsonNode body) {
        JsonNode node = body.get("tool_choice");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isObject()) {
            throw invalid("tool_choice", "'tool_choice' must be a string or an object");
        }
        return Json.toPlain(node);
    }

    private static ResponseFormat responseFormat(JsonNode body) {
        JsonNode node = optionalObject(body, "response_format", "response_format");
        if (node == null) {
            return null;
        }
        String type = requiredString(node, "type", "response_format.type");
        return switch (type) {
            case "text" -> new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                JsonNode schema = optionalObject(node, "json_schema", "response_format.json_schema");
                if (schema == null) {
                    throw invalid("response_format.json_schema", "'response_format.json_schema' is required");
                }
                JsonNode strict = schema.get("strict");
                yield new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA,
                        requiredString(schema, "name", "response_format.json_schema.name"),
                        Json.toMap(optionalObject(schema, "schema", "response_format.json_schema.schema")),
                        strict != null && strict.isBoolean() ? strict.asBoolean() : null);
            }
            default -> throw invalid("response_format.type",
                    "'response_format.type' must be text, json_object or json_schema; got '" + type + "'");
        };
    }

    private static Map<String, Object> extras(JsonNode body) {
        Map<String, Object> extra = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            if (!MODELED.contains(field.getKey())) {
                extra.put(field.getKey(), Json.toPlain(field.getValue()));
            }
        });
        extra.values().removeIf(java.util.Objects::isNull);
        return extra;
    }
}
