package dev.hearth.ingress.responses;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalString;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Responses API {@code input} (a string, or an array of items) into chat turns.
 *
 * <ul>
 *   <li>{@code message} items (with or without {@code type}) become turns; {@code developer} is a system turn.</li>
 *   <li>{@code function_call} items are the assistant's earlier tool calls: consecutive ones join the assistant turn
 *       before them, as chat backends expect one assistant turn holding every parallel call.</li>
 *   <li>{@code function_call_output} items become tool turns answering their {@code call_id}.</li>
 *   <li>{@code reasoning} items that clients send back (Codex does, with {@code store: false}) are dropped: they hold
 *       a model's earlier thinking, often encrypted, and chat backends have nowhere to take them.</li>
 *   <li>Anything else (item references, built-in tool calls, files uploaded to OpenAI) is refused with a 400 that
 *       names the item.</li>
 * </ul>
 */
final class InputItems {
    private InputItems() {}

    static List<Message> decode(JsonNode input) {
        if (input == null || input.isNull()) {
            throw invalid("input", "'input' is required");
        }
        if (input.isTextual()) {
            return List.of(Message.text(Role.USER, input.asText()));
        }
        if (!input.isArray()) {
            throw invalid("input", "'input' must be a string or an array of input items");
        }
        if (input.isEmpty()) {
            throw invalid("input", "'input' must not be empty");
        }
        List<Message> turns = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            item(input.get(i), "input[" + i + "]", turns);
        }
        return turns;
    }

    private static void item(JsonNode node, String path, List<Message> turns) {
        if (!node.isObject()) {
            throw invalid(path, "'" + path + "' must be an object");
        }
        String type = optionalString(node, "type", path + ".type");
        if (type == null && node.has("role")) {
            type = "message";
        }
        if (type == null) {
            throw invalid(path + ".type", "'" + path + ".type' is required");
        }
        switch (type) {
            case "message" -> turns.add(message(node, path));
            case "function_call" -> addCall(turns, new ToolCall(requiredString(node, "call_id", path + ".call_id"),
                    requiredString(node, "name", path + ".name"), requiredString(node, "arguments",
                    path + ".arguments")));
            case "function_call_output" -> turns.add(new Message(Role.TOOL,
                    toolOutput(node, path), List.of(), requiredString(node, "call_id", path + ".call_id"), null));
            case "reasoning" -> { }
            case "item_reference" -> throw Unsupported.feature(path + ".type", "'" + path + "' is an item_reference,"
                    + " which points at a stored item; Hearth stores nothing. Send the item itself.");
            default -> throw Unsupported.feature(path + ".type", "Input items of type '" + type + "' are not"
                    + " supported by Hearth; it accepts message, function_call, function_call_output and reasoning.");
        }
    }

    /** A tool call joins the assistant turn right before it, or starts one. */
    private static void addCall(List<Message> turns, ToolCall call) {
        Message last = turns.isEmpty() ? null : turns.getLast();
        if (last != null && last.role() == Role.ASSISTANT) {
            List<ToolCall> calls = new ArrayList<>(last.toolCalls());
            calls.add(call);
            turns.set(turns.size() - 1, new Message(Role.ASSISTANT, last.content(), calls, null, last.name()));
        } else {
            turns.add(new Message(Role.ASSISTANT, List.of(), List.of(call), null, null));
        }
    }

    private static Message message(JsonNode node, String path) {
        String roleName = requiredString(node, "role", path + ".role");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "system", "developer" -> Role.SYSTEM;
            default -> throw invalid(path + ".role", "'" + path + ".role' must be one of user, assistant, system,"
                    + " developer; got '" + roleName + "'");
        };
        JsonNode content = node.get("content");
        if (content == null || content.isNull()) {
            throw invalid(path + ".content", "'" + path + ".content' is required");
        }
        return new Message(role, parts(content, path + ".content", role), List.of(), null, null);
    }

    /** A function_call_output's {@code output}: a string, or input parts (text and images). */
    private static List<ContentPart> toolOutput(JsonNode node, String path) {
        JsonNode output = node.get("output");
        if (output == null || output.isNull()) {
            throw invalid(path + ".output", "'" + path + ".output' is required");
        }
        return parts(output, path + ".output", Role.TOOL);
    }

    private static List<ContentPart> parts(JsonNode content, String path, Role role) {
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw invalid(path, "'" + path + "' must be a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            parts.add(part(content.get(i), path + "[" + i + "]", role));
        }
        return parts;
    }

    private static ContentPart part(JsonNode node, String path, Role role) {
        if (!node.isObject()) {
            throw invalid(path, "'" + path + "' must be an object");
        }
        String type = requiredString(node, "type", path + ".type");
        return switch (type) {
            case "input_text" -> new ContentPart.Text(requiredString(node, "text", path + ".text"));
            case "output_text", "refusal" -> {
                if (role != Role.ASSISTANT) {
                    throw invalid(path + ".type", "'" + path + ".type' " + type + " is only valid in assistant"
                            + " messages");
                }
                String field = type.equals("refusal") ? "refusal" : "text";
                yield new ContentPart.Text(requiredString(node, field, path + "." + field));
            }
            case "input_image" -> image(node, path);
            case "input_file" -> throw Unsupported.feature(path + ".type", "'" + path + "' is an input_file; file"
                    + " inputs are not supported by Hearth. Send the text itself as input_text.");
            default -> throw invalid(path + ".type", "'" + path + ".type' must be input_text, input_image or (in"
                    + " assistant messages) output_text; got '" + type + "'");
        };
    }

    private static ContentPart image(JsonNode node, String path) {
        String url = optionalString(node, "image_url", path + ".image_url");
        String detail = optionalString(node, "detail", path + ".detail");
        if (url != null) {
            return new ContentPart.Image(url, detail);
        }
        if (node.hasNonNull("file_id")) {
            throw Unsupported.feature(path + ".file_id", "'" + path + ".file_id' refers to a file uploaded to"
                    + " OpenAI; Hearth stores no files. Send the image as image_url (an https or data: URL).");
        }
        throw invalid(path + ".image_url", "'" + path + ".image_url' is required");
    }
}
