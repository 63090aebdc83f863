package dev.hearth.ingress.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.error.GatewayError;
import dev.hearth.model.Usage;
import java.io.IOException;
import java.util.List;

/**
 * Writes the Responses API's {@code response} object: the answer so far or in full, its status, usage, and the
 * request settings it repeats. Hearth's answers always say {@code store: false}, {@code background: false} and
 * {@code previous_response_id: null}, because it keeps nothing. Immutable; one per exchange.
 *
 * @param id        {@code resp_} followed by the request id, so a response can be found in Hearth's log
 * @param model     the model that actually answered
 */
record ResponseBody(String id, long createdAt, String model, ResponsesRequest.Echo echo) {

    static final String IN_PROGRESS = "in_progress";
    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";
    static final String FAILED = "failed";

    /**
     * @param usage            null while in progress or after a failure
     * @param error            null unless {@code status} is {@code failed}
     * @param incompleteReason null unless {@code status} is {@code incomplete}
     */
    void write(JsonGenerator gen, String status, List<OutputItem> output, Usage usage, GatewayError error,
            String incompleteReason) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", id);
        gen.writeStringField("object", "response");
        gen.writeNumberField("created_at", createdAt);
        gen.writeStringField("status", status);
        gen.writeBooleanField("background", false);
        writeError(gen, error);
        if (incompleteReason == null) {
            gen.writeNullField("incomplete_details");
        } else {
            gen.writeObjectFieldStart("incomplete_details");
            gen.writeStringField("reason", incompleteReason);
            gen.writeEndObject();
        }
        gen.writeStringField("instructions", echo.instructions());
        writeNumber(gen, "max_output_tokens", echo.maxOutputTokens());
        gen.writeStringField("model", model);
        gen.writeArrayFieldStart("output");
        for (OutputItem item : output) {
            item.write(gen);
        }
        gen.writeEndArray();
        gen.writeBooleanField("parallel_tool_calls", echo.parallelToolCalls());
        gen.writeNullField("previous_response_id");
        gen.writeNullField("reasoning");
        gen.writeBooleanField("store", false);
        writeNumber(gen, "temperature", echo.temperature());
        gen.writeFieldName("text");
        gen.writeTree(echo.text());
        gen.writeFieldName("tool_choice");
        gen.writeTree(echo.toolChoice());
        gen.writeFieldName("tools");
        gen.writeTree(echo.tools());
        writeNumber(gen, "top_p", echo.topP());
        gen.writeStringField("truncation", "disabled");
        writeUsage(gen, usage);
        gen.writeStringField("user", echo.user());
        gen.writeFieldName("metadata");
        gen.writeTree(echo.metadata());
        gen.writeEndObject();
    }

    /**
     * A failed response's {@code error}: {@code code} is one of the Responses API's documented codes
     * ({@code rate_limit_exceeded} or {@code server_error}); Hearth's own code and the reason are in the message and
     * in the {@code error} event that precedes {@code response.failed}.
     */
    private static void writeError(JsonGenerator gen, GatewayError error) throws IOException {
        if (error == null) {
            gen.writeNullField("error");
            return;
        }
        gen.writeObjectFieldStart("error");
        gen.writeStringField("code", error.httpStatus() == 429 ? "rate_limit_exceeded" : "server_error");
        gen.writeStringField("message", error.message());
        gen.writeEndObject();
    }

    private static void writeUsage(JsonGenerator gen, Usage usage) throws IOException {
        if (usage == null) {
            gen.writeNullField("usage");
            return;
        }
        gen.writeObjectFieldStart("usage");
        gen.writeNumberField("input_tokens", usage.promptTokens());
        gen.writeObjectFieldStart("input_tokens_details");
        gen.writeNumberField("cached_tokens", 0); // the canonical usage does not carry cache counts (yet)
        gen.writeNumberField("cache_write_tokens", 0);
        gen.writeEndObject();
        gen.writeNumberField("output_tokens", usage.completionTokens());
        gen.writeObjectFieldStart("output_tokens_details");
        gen.writeNumberField("reasoning_tokens", 0);
        gen.writeEndObject();
        gen.writeNumberField("total_tokens", usage.totalTokens());
        gen.writeEndObject();
    }

    private static void writeNumber(JsonGenerator gen, String field, Number value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else if (value instanceof Integer i) {
            gen.writeNumberField(field, i);
        } else {
            gen.writeNumberField(field, value.doubleValue());
        }
    }
}
