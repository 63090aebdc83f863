package dev.hearth.model;

import java.util.List;

/**
 * One turn of the conversation.
 *
 * @param content    text and other parts; empty for an assistant turn that only calls tools
 * @param toolCalls  calls an assistant turn made; empty otherwise
 * @param toolCallId for a {@link Role#TOOL} message, the call it answers
 * @param name       optional participant name
 */
public record Message(Role role, List<ContentPart> content, List<ToolCall> toolCalls, String toolCallId, String name) {

    public Message {
        content = List.copyOf(content);
        toolCalls = List.copyOf(toolCalls);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new ContentPart.Text(text)), List.of(), null, null);
    }

    /** All text parts joined, for token counting and inspection. */
    public String joinedText() {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                out.append(t.text());
            }
        }
        return out.toString();
    }

    public boolean hasImages() {
        return content.stream().anyMatch(ContentPart.Image.class::isInstance);
    }
}
