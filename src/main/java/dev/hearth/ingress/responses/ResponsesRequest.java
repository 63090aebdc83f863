package dev.hearth.ingress.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.model.ChatRequest;

/**
 * A decoded {@code POST /v1/responses} body: the canonical chat request every backend can answer, plus what the
 * response object repeats back to the client.
 */
record ResponsesRequest(ChatRequest chat, Echo echo) {

    /**
     * The request settings a Responses API answer carries back, as the client sent them, with OpenAI's documented
     * defaults where the client sent nothing (tools {@code []}, tool_choice {@code "auto"}, text format {@code text},
     * parallel tool calls on, metadata {@code {}}). Temperature and top_p stay null when unset: the backend's own
     * default applies, and Hearth does not know it.
     */
    record Echo(String instructions, Integer maxOutputTokens, Double temperature, Double topP,
            boolean parallelToolCalls, JsonNode tools, JsonNode toolChoice, JsonNode text, JsonNode metadata,
            String user) {}
}
