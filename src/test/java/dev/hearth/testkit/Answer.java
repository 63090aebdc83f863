package dev.hearth.testkit;

import java.util.List;

/**
 * What a fake upstream answers, protocol-neutral: text split into the given chunks (one stream chunk each), optional
 * tool calls (each streamed as its protocol streams them), usage, and the finish reason in OpenAI's words.
 */
public record Answer(List<String> textChunks, List<ToolCallSpec> toolCalls, int promptTokens, int completionTokens,
        String finishReason) {

    public record ToolCallSpec(String id, String name, String argumentsJson) {}

    public static Answer text(String... chunks) {
        return new Answer(List.of(chunks), List.of(), 11, chunks.length, "stop");
    }

    public static Answer toolCall(String id, String name, String argumentsJson) {
        return new Answer(List.of(), List.of(new ToolCallSpec(id, name, argumentsJson)), 20, 9, "tool_calls");
    }

    public String fullText() {
        return String.join("", textChunks);
    }
}
