package dev.hearth.model;

import java.util.List;
import java.util.Map;

/**
 * The canonical chat request every ingress dialect decodes into and every provider adapter encodes from.
 *
 * @param model          the model or alias exactly as the client named it
 * @param toolChoice     "auto", "none", "required", or a {"type":"function",...} tree; null when unset
 * @param responseFormat null when the client asked for plain text
 * @param stream         the client wants incremental events
 * @param includeUsage   a streaming client asked for a final usage event
 * @param extra          request fields Hearth does not model, passed through to OpenAI-compatible backends untouched
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<ToolDefinition> tools,
        Object toolChoice,
        ResponseFormat responseFormat,
        Sampling sampling,
        boolean stream,
        boolean includeUsage,
        Map<String, Object> extra) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        extra = Map.copyOf(extra);
    }

    public boolean needsTools() {
        return !tools.isEmpty();
    }

    /** The client asked for output that matches a JSON Schema ({@code response_format: json_schema}). */
    public boolean needsJsonSchema() {
        return responseFormat != null && responseFormat.kind() == ResponseFormat.Kind.JSON_SCHEMA;
    }

    public boolean hasImages() {
        return messages.stream().anyMatch(Message::hasImages);
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, tools, toolChoice, responseFormat, sampling, stream, includeUsage,
                extra);
    }
}
