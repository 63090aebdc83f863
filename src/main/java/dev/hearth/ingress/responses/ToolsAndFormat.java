package dev.hearth.ingress.responses;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The Responses API's {@code tools}, {@code tool_choice} and {@code text.format}, in the canonical model's words.
 * Responses declares function tools flat ({@code {type, name, parameters}}) where Chat Completions nests them under
 * {@code function}; the canonical tool choice uses the Chat Completions shape, which every provider writer reads.
 * OpenAI's built-in tools run inside OpenAI and have no equivalent behind Hearth, so they are refused by name.
 */
final class ToolsAndFormat {
    private ToolsAndFormat() {}

    static List<ToolDefinition> tools(JsonNode body) {
        JsonNode node = optionalArray(body, "tools", "tools");
        if (node == null) {
            return List.of();
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = node.get(i);
            if (!tool.isObject()) {
                throw invalid(path, "'" + path + "' must be an object");
            }
            String type = requiredString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw Unsupported.feature(path + ".type", "Tool type '" + type + "' is a built-in OpenAI tool and"
                        + " is not supported by Hearth: the backends behind it can only call your own functions."
                        + " Declare it as a tool of type 'function' and run it in your client.");
            }
            JsonNode strict = tool.get("strict");
            if (strict != null && !strict.isNull() && !strict.isBoolean()) {
                throw invalid(path + ".strict", "'" + path + ".strict' must be a boolean");
            }
            tools.add(new ToolDefinition(requiredString(tool, "name", path + ".name"),
                    optionalString(tool, "description", path + ".description"),
                    Json.toMap(optionalObject(tool, "parameters", path + ".parameters")),
                    strict == null || strict.isNull() ? null : strict.asBoolean()));
        }
        return tools;
    }

    /** "auto", "none", "required", or {@code {"type":"function","name":...}} as the Chat Completions tree. */
    static Object toolChoice(JsonNode body) {
        JsonNode node = body.get("tool_choice");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "auto", "none", "required" -> node.asText();
                default -> throw invalid("tool_choice", "'tool_choice' must be auto, none, required or an object"
                        + " naming a function; got '" + node.asText() + "'");
            };
        }
        if (!node.isObject()) {
            throw invalid("tool_choice", "'tool_choice' must be a string or an object");
        }
        String type = requiredString(node, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw Unsupported.feature("tool_choice.type", "tool_choice of type '" + type + "' is not supported by"
                    + " Hearth; use auto, none, required or {\"type\": \"function\", \"name\": ...}.");
        }
        String name = requiredString(node, "name", "tool_choice.name");
        ObjectNode choice = Json.object().put("type", "function");
        choice.putObject("function").put("name", name);
        return Json.toPlain(choice);
    }

    /** {@code text.format}: text, json_object, or json_schema with its name, schema and strictness. */
    static ResponseFormat format(JsonNode body) {
        JsonNode text = optionalObject(body, "text", "text");
        JsonNode format = text == null ? null : optionalObject(text, "format", "text.format");
        if (format == null) {
            return null;
        }
        String type = requiredString(format, "type", "text.format.type");
        return switch (type) {
            case "text" -> new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                JsonNode schema = optionalObject(format, "schema", "text.format.schema");
                if (schema == null) {
                    throw invalid("text.format.schema", "'text.format.schema' is required");
                }
                JsonNode strict = format.get("strict");
                if (strict != null && !strict.isNull() && !strict.isBoolean()) {
                    throw invalid("text.format.strict", "'text.format.strict' must be a boolean");
                }
                yield new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA,
                        requiredString(format, "name", "text.format.name"), Json.toMap(schema),
                        strict == null || strict.isNull() ? null : strict.asBoolean());
            }
            default -> throw invalid("text.format.type",
                    "'text.format.type' must be text, json_object or json_schema; got '" + type + "'");
        };
    }
}
