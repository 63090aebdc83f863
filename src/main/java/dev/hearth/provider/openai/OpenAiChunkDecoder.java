package dev.hearth.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.FinishReason;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.provider.http.SseBodyDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an OpenAI Chat Completions SSE stream ({@code data: {chunk}} ... {@code data: [DONE]}) into events.
 * Completion: at {@code [DONE]}, or when the body ends after a finish reason (some servers omit {@code [DONE]}).
 * A body that ends before any finish reason, an unparsable chunk, or an in-stream error object is a failure.
 */
public final class OpenAiChunkDecoder extends SseBodyDecoder {
    private boolean finishSeen;

    public OpenAiChunkDecoder(UpstreamListener listener) {
        super(listener);
    }

    @Override
    protected void onBodyEnded() {
        if (finishSeen) {
            complete();
        } else {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "stream ended before the answer finished"));
        }
    }

    @Override
    protected void onEvent(String event, String data) {
        if ("[DONE]".equals(data.strip())) {
            complete();
            return;
        }
        JsonNode chunk;
        try {
            chunk = Json.read(data);
        } catch (IOException garbage) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "unreadable stream chunk"));
            return;
        }
        if (!chunk.isObject()) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "stream chunk is not a JSON object"));
            return;
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            fail(OpenAiErrors.fromErrorNode(500, error, null, null));
            return;
        }
        JsonNode usage = chunk.get("usage");
        boolean hasUsage = usage != null && usage.isObject();
        // The frame goes first, so a same-dialect sink knows to relay before the typed events of this chunk arrive.
        listener.onEvent(new StreamEvent.WireFrame(StreamEvent.WireFrame.OPENAI_CHAT, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8),
                hasUsage && chunk.path("choices").isEmpty()));
        for (JsonNode choice : chunk.path("choices")) {
            decodeChoice(choice);
        }
        if (hasUsage) {
            listener.onEvent(new StreamEvent.UsageReport(new Usage(usage.path("prompt_tokens").asInt(),
                    usage.path("completion_tokens").asInt(), false)));
        }
    }

    private void decodeChoice(JsonNode choice) {
        int index = choice.path("index").asInt();
        JsonNode delta = choice.path("delta");
        String reasoning = firstText(delta, "reasoning_content", "reasoning");
        if (reasoning != null && !reasoning.isEmpty()) {
            listener.onEvent(new StreamEvent.ReasoningDelta(index, reasoning));
        }
        String content = Json.text(delta, "content");
        if (content != null && !content.isEmpty()) {
            listener.onEvent(new StreamEvent.TextDelta(index, content));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            JsonNode function = call.path("function");
            listener.onEvent(new StreamEvent.ToolCallDelta(index, call.path("index").asInt(),
                    Json.text(call, "id"), Json.text(function, "name"), Json.text(function, "arguments")));
        }
        String finish = Json.text(choice, "finish_reason");
        if (finish != null) {
            finishSeen = true;
            listener.onEvent(new StreamEvent.Finish(index, FinishReason.fromOpenAi(finish)));
        }
    }

    private static String firstText(JsonNode node, String a, String b) {
        String value = Json.text(node, a);
        return value != null ? value : Json.text(node, b);
    }
}
