package dev.hearth.ingress.anthropic;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalArray;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.present;
import static dev.hearth.ingress.common.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes Anthropic's {@code messages} array into canonical messages. A user turn becomes one {@link Role#TOOL}
 * message per {@code tool_result} block (first, as every backend wants tool answers right after the calls) and then
 * one user message with its text, image and document blocks; an assistant turn becomes one assistant message whose
 * {@code tool_use} blocks are tool calls with the {@code input} object as JSON text.
 *
 * <p>Dropped on purpose: {@code thinking} and {@code redacted_thinking} blocks of earlier assistant turns (the
 * model's own past reasoning, which no other backend can take back), {@code cache_control} and {@code citations}.
 * An empty final assistant turn (an empty prefill) is dropped too. Anything else Hearth cannot carry is a 400 naming
 * the block. Stateless.
 */
final class MessageTurns {
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private MessageTurns() {}

    static List<Message> decode(JsonNode body) {
        JsonNode turns = optionalArray(body, "messages", "messages");
        if (turns == null || turns.isEmpty()) {
            throw invalid("messages", "'messages' must be a non-empty array");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            String path = "messages[" + i + "]";
            JsonNode turn = turns.get(i);
            if (!turn.isObject()) {
                throw invalid(path, "'" + path + "' must be an object");
            }
            String role = requiredString(turn, "role", path + ".role");
            boolean assistant = switch (role) {
                case "user" -> false;
                case "assistant" -> true;
                default -> throw invalid(path + ".role", "'" + path + ".role' must be user or assistant; got '" + role
                        + "' (the system prompt goes in the top-level 'system' field)");
            };
            List<JsonNode> blocks = blocks(turn, path);
            if (blocks.isEmpty()) {
                if (assistant && i == turns.size() - 1) {
                    continue;
                }
                throw invalid(path + ".content", "'" + path + ".content' must not be empty (only a final assistant"
                        + " turn may be)");
            }
            if (assistant) {
                assistant(blocks, path, out);
            } else {
                user(blocks, path, out);
            }
        }
        return out;
    }

    /** The turn's content as blocks; a plain string is one text block. */
    private static List<JsonNode> blocks(JsonNode turn, String path) {
        JsonNode content = present(turn, "content", path + ".content");
        List<JsonNode> blocks = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.add(Json.object().put("type", "text").put("text", content.asText()));
            }
            return blocks;
        }
        if (!content.isArray()) {
            throw invalid(path + ".content", "'" + path + ".content' must be a string or an array of content blocks");
        }
        content.forEach(blocks::add);
        return blocks;
    }

    private static void user(List<JsonNode> blocks, String path, List<Message> out) {
        List<ContentPart> parts = new ArrayList<>();
        for (int j = 0; j < blocks.size(); j++) {
            String at = path + ".content[" + j + "]";
            JsonNode block = blocks.get(j);
            switch (type(block, at)) {
                case "text" -> text(block, at, parts);
                case "image" -> parts.add(image(block, at));
                case "document" -> parts.add(document(block, at));
                case "tool_result" -> out.add(toolResult(block, at));
                case "tool_use" -> throw invalid(at, "'" + at + "' is a tool_use block; those belong in assistant"
                        + " turns");
                default -> throw unsupported(block, at);
            }
        }
        if (!parts.isEmpty()) {
            out.add(new Message(Role.USER, parts, List.of(), null, null));
        }
    }

    private static void assistant(List<JsonNode> blocks, String path, List<Message> out) {
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int j = 0; j < blocks.size(); j++) {
            String at = path + ".content[" + j + "]";
            JsonNode block = blocks.get(j);
            switch (type(block, at)) {
                case "text" -> text(block, at, parts);
                case "tool_use" -> calls.add(toolUse(block, at));
                case "thinking", "redacted_thinking" -> { } // past reasoning: see the class comment
                case "tool_result", "image", "document" -> throw invalid(at, "'" + at + "' is a "
                        + block.path("type").asText() + " block; those belong in user turns");
                default -> throw unsupported(block, at);
            }
        }
        if (!parts.isEmpty() || !calls.isEmpty()) {
            out.add(new Message(Role.ASSISTANT, parts, calls, null, null));
        }
    }

    private static String type(JsonNode block, String path) {
        if (!block.isObject()) {
            throw invalid(path, "'" + path + "' must be a content block object");
        }
        return requiredString(block, "type", path + ".type");
    }

    private static void text(JsonNode block, String path, List<ContentPart> parts) {
        String text = requiredString(block, "text", path + ".text");
        if (!text.isEmpty()) {
            parts.add(new ContentPart.Text(text));
        }
    }

    private static ContentPart image(JsonNode block, String path) {
        JsonNode source = source(block, path);
        String type = requiredString(source, "type", path + ".source.type");
        return switch (type) {
            case "base64" -> {
                String mediaType = requiredString(source, "media_type", path + ".source.media_type");
                if (!IMAGE_TYPES.contains(mediaType)) {
                    throw invalid(path + ".source.media_type", "'" + path + ".source.media_type' must be one of"
                            + " image/jpeg, image/png, image/gif, image/webp; got '" + mediaType + "'");
                }
                String data = requiredString(source, "data", path + ".source.data");
                yield new ContentPart.Image("data:" + mediaType + ";base64," + data, null);
            }
            case "url" -> new ContentPart.Image(requiredString(source, "url", path + ".source.url"), null);
            default -> throw invalid(path + ".source.type", "'" + path + ".source.type' must be base64 or url; got '"
                    + type + "' (Hearth does not serve Anthropic's Files API)");
        };
    }

    /** Plain-text documents become text (titled when they have a title); PDFs and files have no canonical form. */
    private static ContentPart document(JsonNode block, String path) {
        JsonNode source = source(block, path);
        String type = requiredString(source, "type", path + ".source.type");
        if (!type.equals("text")) {
            throw invalid(path + ".source.type", "'" + path + ".source.type' is '" + type + "'; Hearth accepts only"
                    + " plain-text documents (source type text), as its backends cannot read PDFs or files");
        }
        String data = requiredString(source, "data", path + ".source.data");
        String title = Json.text(block, "title");
        return new ContentPart.Text(title == null || title.isBlank() ? data : title + "\n\n" + data);
    }

    private static JsonNode source(JsonNode block, String path) {
        JsonNode source = optionalObject(block, "source", path + ".source");
        if (source == null) {
            throw invalid(path + ".source", "'" + path + ".source' is required");
        }
        return source;
    }

    private static ToolCall toolUse(JsonNode block, String path) {
        String id = requiredString(block, "id", path + ".id");
        String name = requiredString(block, "name", path + ".name");
        JsonNode input = present(block, "input", path + ".input");
        if (!input.isObject()) {
            throw invalid(path + ".input", "'" + path + ".input' must be an object");
        }
        return new ToolCall(id, name, input.toString());
    }

    /**
     * A tool's answer: its text blocks joined by new lines (other backends take one string), then its images. A
     * result marked {@code is_error} starts with "Error: ", since only Anthropic has a field for it.
     */
    private static Message toolResult(JsonNode block, String path) {
        String id = requiredString(block, "tool_use_id", path + ".tool_use_id");
        boolean isError = optionalBoolean(block, "is_error", path + ".is_error", false);
        JsonNode content = block.get("content");
        List<String> texts = new ArrayList<>();
        List<ContentPart> images = new ArrayList<>();
        if (content != null && content.isTextual()) {
            texts.add(content.asText());
        } else if (content != null && content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                String at = path + ".content[" + k + "]";
                JsonNode inner = content.get(k);
                switch (type(inner, at)) {
                    case "text" -> texts.add(requiredString(inner, "text", at + ".text"));
                    case "image" -> images.add(image(inner, at));
                    default -> throw invalid(at + ".type", "'" + at + ".type' must be text or image inside a"
                            + " tool_result; got '" + inner.path("type").asText() + "'");
                }
            }
        } else if (content != null && !content.isNull()) {
            throw invalid(path + ".content", "'" + path + ".content' must be a string or an array of blocks");
        }
        String text = String.join("\n", texts);
        if (isError) {
            text = text.isEmpty() ? "Error" : "Error: " + text;
        }
        List<ContentPart> parts = new ArrayList<>();
        if (!text.isEmpty()) {
            parts.add(new ContentPart.Text(text));
        }
        parts.addAll(images);
        return new Message(Role.TOOL, parts, List.of(), id, null);
    }

    private static RuntimeException unsupported(JsonNode block, String path) {
        return invalid(path + ".type", "'" + path + ".type' is '" + block.path("type").asText() + "', a content block"
                + " Hearth does not support");
    }
}
