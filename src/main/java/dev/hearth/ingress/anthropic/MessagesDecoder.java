package dev.hearth.ingress.anthropic;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalNumber;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an Anthropic Messages request body into the canonical request, validating as the real API does: a 400
 * {@code invalid_request_error} whose message names the field. The conversation itself is decoded by
 * {@link MessageTurns}.
 *
 * <ul>
 *   <li>{@code system} (a string or text blocks, joined by blank lines) becomes one system message.</li>
 *   <li>{@code tool_choice} {@code auto}/{@code any}/{@code none}/{@code tool} becomes "auto"/"required"/"none"/a
 *       named function; {@code disable_parallel_tool_use} becomes {@code parallel_tool_calls: false}, the one
 *       OpenAI field the canonical request carries for it.</li>
 *   <li>{@code thinking} is accepted and validated but does not reach the backend (the canonical request has no
 *       reasoning budget): refusing it would break Claude Code, which sends it whenever extended thinking is on.
 *       It does decide whether reasoning a backend produces anyway is shown as {@code thinking} blocks.</li>
 *   <li>Fields that only tune Anthropic's own service ({@code metadata}, {@code service_tier}, {@code container},
 *       {@code context_management}, {@code cache_control} anywhere) and fields added later are ignored, as Claude
 *       Code sends several of them. {@code mcp_servers} and server tools (a typed entry in {@code tools}) are refused:
 *       they ask Anthropic's servers to act, and no Hearth backend can.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class MessagesDecoder {
    private static final int MIN_THINKING_BUDGET = 1024;

    /**
     * A decoded request plus what the canonical request has no field for.
     *
     * @param thinking the client enabled extended thinking, so reasoning is returned as thinking blocks
     */
    public record Decoded(ChatRequest request, boolean thinking) {}

    private MessagesDecoder() {}

    /** A {@code POST /v1/messages} body; {@code max_tokens} is required. */
    public static Decoded decode(JsonNode body) {
        return decode(body, true);
    }

    /** A {@code POST /v1/messages/count_tokens} body: the same, without {@code max_tokens}. */
    public static Decoded decodeForCounting(JsonNode body) {
        return decode(body, false);
    }

    private static Decoded decode(JsonNode body, boolean generating) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String model = requiredString(body, "model", "model");
        Integer maxTokens = optionalInt(body, "max_tokens", "max_tokens", 1);
        if (generating && maxTokens == null) {
            throw invalid("max_tokens", "'max_tokens' is required");
        }
        List<Message> messages = new ArrayList<>();
        String system = system(body.get("system"));
        if (!system.isEmpty()) {
            messages.add(Message.text(Role.SYSTEM, system));
        }
        messages.addAll(MessageTurns.decode(body));
        List<ToolDefinition> tools = tools(body);
        JsonNode choiceNode = optionalObject(body, "tool_choice", "tool_choice");
        Object toolChoice = toolChoice(choiceNode, tools);
        boolean serialTools = choiceNode != null && optionalBoolean(choiceNode, "disable_parallel_tool_use",
                "tool_choice.disable_parallel_tool_use", false);
        optionalObject(body, "metadata", "metadata"); // validated, then ignored: Hearth keeps no per-user state yet
        if (body.hasNonNull("mcp_servers")) {
            throw invalid("mcp_servers", "'mcp_servers' asks Anthropic's servers to call MCP servers; Hearth's"
                    + " backends cannot. Run the MCP servers in your client instead.");
        }
        boolean thinking = thinking(body);
        boolean stream = optionalBoolean(body, "stream", "stream", false);
        Sampling sampling = new Sampling(fraction(body, "temperature"), fraction(body, "top_p"),
                optionalInt(body, "top_k", "top_k", 0), maxTokens, false, stopSequences(body), null, null, null);
        Map<String, Object> extra = serialTools && !tools.isEmpty() ? Map.of("parallel_tool_calls", false) : Map.of();
        // Anthropic streams always carry usage, so a streaming client always "asked" for it.
        return new Decoded(new ChatRequest(model, messages, tools, toolChoice, null, sampling, stream, stream, extra),
                thinking);
    }

    private static String system(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isArray()) {
            throw invalid("system", "'system' must be a string or an array of text blocks");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "system[" + i + "]";
            JsonNode block = node.get(i);
            if (!block.isObject() || !"text".equals(requiredString(block, "type", path + ".type"))) {
                throw invalid(path, "'" + path + "' must be a text block");
            }
            String text = requiredString(block, "text", path + ".text");
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return String.join("\n\n", texts);
    }

    private static List<ToolDefinition> tools(JsonNode body) {
        JsonNode node = optionalArray(body, "tools", "tools");
        if (node == null) {
            return List.of();
        }
        List<ToolDefinition> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = node.get(i);
            if (!tool.isObject()) {
                throw invalid(path, "'" + path + "' must be an object");
            }
            String type = optionalString(tool, "type", path + ".type");
            if (type != null && !type.equals("custom")) {
                throw invalid(path + ".type", "'" + path + ".type' is '" + type + "', a tool Anthropic's servers run;"
                        + " Hearth's backends cannot run it. Define a custom tool with an input_schema instead.");
            }
            String name = requiredString(tool, "name", path + ".name");
            if (name.isBlank() || !names.add(name)) {
                throw invalid(path + ".name", "'" + path + ".name' must be a non-empty name no other tool has");
            }
            JsonNode schema = optionalObject(tool, "input_schema", path + ".input_schema");
            if (schema == null) {
                throw invalid(path + ".input_schema", "'" + path + ".input_schema' is required");
            }
            JsonNode strict = tool.get("strict");
            tools.add(new ToolDefinition(name, optionalString(tool, "description", path + ".description"),
                    Json.toMap(schema), strict != null && strict.isBoolean() ? strict.asBoolean() : null));
        }
        return tools;
    }

    private static Object toolChoice(JsonNode node, List<ToolDefinition> tools) {
        if (node == null) {
            return null;
        }
        String type = requiredString(node, "type", "tool_choice.type");
        return switch (type) {
            case "auto" -> "auto";
            case "any" -> "required";
            case "none" -> "none";
            case "tool" -> {
                String name = requiredString(node, "name", "tool_choice.name");
                if (tools.stream().noneMatch(tool -> tool.name().equals(name))) {
                    throw invalid("tool_choice.name", "'tool_choice.name' names '" + name + "', which is not in"
                            + " 'tools'");
                }
                yield Map.of("type", "function", "function", Map.of("name", name));
            }
            default -> throw invalid("tool_choice.type",
                    "'tool_choice.type' must be auto, any, tool or none; got '" + type + "'");
        };
    }

    private static boolean thinking(JsonNode body) {
        JsonNode node = optionalObject(body, "thinking", "thinking");
        if (node == null) {
            return false;
        }
        String type = requiredString(node, "type", "thinking.type");
        return switch (type) {
            case "disabled" -> false;
            case "adaptive" -> true;
            case "enabled" -> {
                if (optionalInt(node, "budget_tokens", "thinking.budget_tokens", MIN_THINKING_BUDGET) == null) {
                    throw invalid("thinking.budget_tokens", "'thinking.budget_tokens' is required");
                }
                yield true;
            }
            default -> throw invalid("thinking.type",
                    "'thinking.type' must be enabled, disabled or adaptive; got '" + type + "'");
        };
    }

    /** Anthropic's temperature and top_p both range from 0 to 1. */
    private static Double fraction(JsonNode body, String field) {
        Double value = optionalNumber(body, field, field);
        if (value != null && (value < 0 || value > 1)) {
            throw invalid(field, "'" + field + "' must be between 0 and 1");
        }
        return value;
    }

    private static List<String> stopSequences(JsonNode body) {
        JsonNode node = optionalArray(body, "stop_sequences", "stop_sequences");
        if (node == null) {
            return List.of();
        }
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).asText().isEmpty()) {
                throw invalid("stop_sequences[" + i + "]", "'stop_sequences[" + i + "]' must be a non-empty string");
            }
            stops.add(node.get(i).asText());
        }
        return stops;
    }
}
