package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decodes the {@code messages} of an Ollama chat request into canonical messages: {@code content} (a string) and
 * {@code images} (base64, see {@link ImageData}) become content parts; an assistant's {@code tool_calls} carry their
 * {@code function.arguments} as a JSON object (kept as its JSON text); a {@code tool} message names the function it
 * answers with {@code tool_name}. An earlier turn's {@code thinking} is not replayed (as with OpenAI's reasoning).
 *
 * <p>Tool-call ids: Ollama's calls usually have none, but OpenAI and Anthropic backends need every result tied to
 * its call by id. A call without an id gets {@code call_<message>_<call>} (stable, so a conversation replayed turn
 * after turn keeps its ids); a tool message is tied to the call named by its {@code tool_call_id} if it sent one,
 * else to the earliest unanswered call of the latest assistant turn with the same {@code tool_name}, else to the
 * earliest unanswered call. A result that answers no call keeps no id (an Ollama backend does not need one; others
 * refuse it, as they would refuse the same conversation from any client).
 *
 * <p>Stateless; failures are 400s naming the field path.
 */
final class OllamaMessages {
    private OllamaMessages() {}

    static List<Message> decode(JsonNode node) {
        List<Message> messages = new ArrayList<>();
        List<ToolCall> unanswered = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "messages[" + i + "]";
            JsonNode message = node.get(i);
            if (!message.isObject()) {
                throw invalid(path, "'" + path + "' must be an object");
            }
            Role role = role(requiredString(message, "role", path + ".role"), path + ".role");
            List<ToolCall> calls = toolCalls(message, path, i);
            if (!calls.isEmpty()) {
                unanswered = new ArrayList<>(calls);
            }
            List<ContentPart> content = content(message, path, !calls.isEmpty());
            if (role == Role.TOOL) {
                messages.add(toolResult(message, path, content, unanswered));
            } else {
                messages.add(new Message(role, content, calls, null, null));
            }
        }
        return messages;
    }

    private static Role role(String value, String path) {
        return switch (value) {
            case "system" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool" -> Role.TOOL;
            default -> throw invalid(path, "'" + path + "' must be one of system, user, assistant, tool; got '"
                    + value + "'");
        };
    }

    private static List<ContentPart> content(JsonNode message, String path, boolean hasCalls) {
        String text = optionalString(message, "content", path + ".content");
        List<ContentPart> images = OllamaFields.images(message, path + ".images");
        List<ContentPart> parts = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            parts.add(new ContentPart.Text(text));
        }
        parts.addAll(images);
        if (parts.isEmpty() && !hasCalls) {
            parts.add(new ContentPart.Text("")); // an empty turn stays a turn
        }
        return parts;
    }

    private static List<ToolCall> toolCalls(JsonNode message, String path, int messageIndex) {
        JsonNode node = optionalArray(message, "tool_calls", path + ".tool_calls");
        if (node == null) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>();
        for (int j = 0; j < node.size(); j++) {
            String callPath = path + ".tool_calls[" + j + "]";
            if (!node.get(j).isObject()) {
                throw invalid(callPath, "'" + callPath + "' must be an object");
            }
            JsonNode function = optionalObject(node.get(j), "function", callPath + ".function");
            if (function == null) {
                throw invalid(callPath + ".function", "'" + callPath + ".function' is required");
            }
            String id = optionalString(node.get(j), "id", callPath + ".id");
            calls.add(new ToolCall(id == null || id.isEmpty() ? "call_" + messageIndex + "_" + j : id,
                    requiredString(function, "name", callPath + ".function.name"),
                    arguments(function.get("arguments"), callPath + ".function.arguments")));
        }
        return calls;
    }

    /** Ollama sends an object; a string holding a JSON object is accepted too (clients that mimic OpenAI). */
    private static String arguments(JsonNode arguments, String path) {
        if (arguments == null || arguments.isNull()) {
            return "{}";
        }
        if (arguments.isObject()) {
            return arguments.toString();
        }
        if (arguments.isTextual()) {
            try {
                JsonNode parsed = Json.read(arguments.asText());
                if (parsed != null && parsed.isObject()) {
                    return parsed.toString();
                }
            } catch (IOException notJson) {
                // refused below
            }
        }
        throw invalid(path, "'" + path + "' must be an object");
    }

    private static Message toolResult(JsonNode message, String path, List<ContentPart> content,
            List<ToolCall> unanswered) {
        String callId = optionalString(message, "tool_call_id", path + ".tool_call_id");
        String toolName = optionalString(message, "tool_name", path + ".tool_name");
        ToolCall answered = callId != null ? take(unanswered, call -> callId.equals(call.id()))
                : toolName != null ? take(unanswered, call -> toolName.equals(call.name()))
                : null;
        if (answered == null && callId == null) {
            answered = take(unanswered, call -> true);
        }
        String id = callId != null ? callId : answered == null ? null : answered.id();
        String name = toolName != null ? toolName : answered == null ? null : answered.name();
        return new Message(Role.TOOL, content, List.of(), id, name);
    }

    private static ToolCall take(List<ToolCall> calls, Predicate<ToolCall> matches) {
        for (Iterator<ToolCall> it = calls.iterator(); it.hasNext(); ) {
            ToolCall call = it.next();
            if (matches.test(call)) {
                it.remove();
                return call;
            }
        }
        return null;
    }
}
