package dev.hearth.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.ToolCall;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the canonical conversation (system messages excluded) as Anthropic's {@code messages} array, which must
 * alternate user and assistant turns and open with a user turn. Consecutive messages that land on the same side are
 * merged into one turn; tool results become {@code tool_result} blocks of a user turn, tool calls {@code tool_use}
 * blocks of an assistant turn. Participant names and OpenAI's image {@code detail} hint are dropped: Anthropic has
 * no field for them.
 *
 * <p>Failure: content Anthropic cannot take (opaque parts, unusable image URLs, tool arguments that are not a JSON
 * object) throws {@link UpstreamException} with {@link UpstreamFailure.Kind#BAD_REQUEST}. Stateless and thread-safe.
 */
final class AnthropicTurnWriter {
    /**
     * Anthropic rejects a conversation that opens with the assistant (or has no turn at all); this stands in for the
     * missing user turn. Text blocks must not be empty, hence a word rather than "".
     */
    static final String OPENING_PLACEHOLDER = "(continue)";

    private AnthropicTurnWriter() {}

    static ArrayNode write(List<Message> messages) {
        ArrayNode turns = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode lastContent = null;
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM) {
                continue;
            }
            List<ObjectNode> blocks = blocks(message);
            if (blocks.isEmpty()) {
                continue; // an empty turn is invalid upstream and says nothing
            }
            String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
            if (!role.equals(lastRole)) {
                ObjectNode turn = turns.addObject();
                turn.put("role", role);
                lastContent = turn.putArray("content");
                lastRole = role;
            }
            lastContent.addAll(blocks);
        }
        turns.forEach(AnthropicTurnWriter::toolResultsFirst);
        if (turns.isEmpty() || "assistant".equals(turns.get(0).path("role").asText())) {
            ObjectNode opening = Json.object().put("role", "user");
            opening.putArray("content").add(textBlock(OPENING_PLACEHOLDER));
            turns.insert(0, opening);
        }
        return turns;
    }

    private static List<ObjectNode> blocks(Message message) {
        if (message.role() == Role.TOOL) {
            return List.of(toolResult(message));
        }
        List<ObjectNode> blocks = contentBlocks(message.content());
        if (message.role() == Role.ASSISTANT) {
            for (ToolCall call : message.toolCalls()) {
                ObjectNode block = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
                block.set("input", arguments(call));
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** Text, image and (for tool results) nothing else; empty text is skipped because Anthropic rejects it. */
    static List<ObjectNode> contentBlocks(List<ContentPart> parts) {
        List<ObjectNode> blocks = new ArrayList<>();
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Text text -> {
                    if (!text.text().isEmpty()) {
                        blocks.add(textBlock(text.text()));
                    }
                }
                case ContentPart.Image image -> blocks.add(imageBlock(image));
                case ContentPart.Opaque opaque -> throw badRequest(
                        "Anthropic backend cannot take content part of type '" + opaque.type() + "'");
            }
        }
        return blocks;
    }

    private static ObjectNode toolResult(Message message) {
        if (message.toolCallId() == null) {
            throw badRequest("tool message without tool_call_id");
        }
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", message.toolCallId());
        List<ObjectNode> content = contentBlocks(message.content());
        if (content.stream().allMatch(b -> "text".equals(b.path("type").asText()))) {
            if (!content.isEmpty()) {
                block.put("content", message.joinedText());
            }
        } else {
            block.putArray("content").addAll(content);
        }
        return block;
    }

    private static ObjectNode textBlock(String text) {
        return Json.object().put("type", "text").put("text", text);
    }

    private static ObjectNode imageBlock(ContentPart.Image image) {
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        String url = image.url();
        if (url.startsWith("data:")) {
            String mediaType = image.mediaType();
            String data = image.base64Data();
            if (mediaType == null || data == null || !url.substring(0, url.indexOf(',')).endsWith(";base64")) {
                throw badRequest("image data URL must be data:<media type>;base64,<data>");
            }
            source.put("type", "base64").put("media_type", mediaType).put("data", data);
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw badRequest("image URL must be https, http or a base64 data URL");
        }
        return block;
    }

    /** Anthropic wants the call's input as an object, where the canonical model keeps the model's JSON text. */
    private static JsonNode arguments(ToolCall call) {
        String arguments = call.arguments();
        if (arguments == null || arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode input = Json.read(arguments);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (IOException unreadable) {
            // reported below, with the call named
        }
        throw badRequest("arguments of tool call '" + call.id() + "' are not a JSON object");
    }

    /** Anthropic requires a user turn's tool_result blocks before any other block; merging may have broken that. */
    private static void toolResultsFirst(JsonNode turn) {
        ArrayNode content = (ArrayNode) turn.get("content");
        List<JsonNode> results = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        content.forEach(b -> ("tool_result".equals(b.path("type").asText()) ? results : others).add(b));
        content.removeAll();
        content.addAll(results);
        content.addAll(others);
    }

    static UpstreamException badRequest(String message) {
        return new UpstreamException(new UpstreamFailure(UpstreamFailure.Kind.BAD_REQUEST, 0, "unsupported_by_anthropic",
                message, null));
    }
}
