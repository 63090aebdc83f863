package dev.hearth.ingress.responses;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One item of a response's {@code output}, exactly as the Responses API writes it. The same records serve the
 * streamed {@code output_item.added} (status {@code in_progress}, text still null) and {@code output_item.done}
 * events and the final response object.
 */
sealed interface OutputItem {
    String IN_PROGRESS = "in_progress";
    String COMPLETED = "completed";
    String INCOMPLETE = "incomplete";

    String id();

    void write(JsonGenerator gen) throws IOException;

    /** The assistant's text; {@code text} null means no content part yet. */
    record Message(String id, String status, String text) implements OutputItem {
        @Override
        public void write(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("id", id);
            gen.writeStringField("type", "message");
            gen.writeStringField("status", status);
            gen.writeStringField("role", "assistant");
            gen.writeArrayFieldStart("content");
            if (text != null) {
                writeTextPart(gen, text);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** A call of one of the client's functions; {@code arguments} is the JSON text the model wrote. */
    record FunctionCall(String id, String status, String callId, String name, String arguments)
            implements OutputItem {
        @Override
        public void write(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("id", id);
            gen.writeStringField("type", "function_call");
            gen.writeStringField("status", status);
            gen.writeStringField("call_id", callId);
            gen.writeStringField("name", name);
            gen.writeStringField("arguments", arguments);
            gen.writeEndObject();
        }
    }

    /** The model's visible reasoning, as {@code reasoning_text} content and no summary. */
    record Reasoning(String id, String status, String text) implements OutputItem {
        @Override
        public void write(JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("id", id);
            gen.writeStringField("type", "reasoning");
            gen.writeStringField("status", status);
            gen.writeArrayFieldStart("summary");
            gen.writeEndArray();
            gen.writeArrayFieldStart("content");
            if (text != null) {
                gen.writeStartObject();
                gen.writeStringField("type", "reasoning_text");
                gen.writeStringField("text", text);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** An {@code output_text} content part with no annotations and no log probabilities. */
    static void writeTextPart(JsonGenerator gen, String text) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", "output_text");
        gen.writeStringField("text", text);
        gen.writeArrayFieldStart("annotations");
        gen.writeEndArray();
        gen.writeArrayFieldStart("logprobs");
        gen.writeEndArray();
        gen.writeEndObject();
    }
}
