package dev.hearth.ingress.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.responses.ResponseStreamEvent;
import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Responses API event stream as (event name, data) pairs, checking the framing on the way: each event has
 * exactly one {@code event:} and one {@code data:} line, the data's {@code type} equals the event name, and
 * {@code sequence_number} counts up from 0 without gaps, and the official OpenAI SDK parses and validates every event
 * as its own {@code ResponseStreamEvent} (required fields and their types included).
 */
final class ResponseEventsReader {

    record Event(String type, JsonNode data) {}

    private ResponseEventsReader() {}

    static List<Event> read(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.isBlank()) {
                continue;
            }
            String[] lines = frame.split("\n");
            assertThat(lines).as("frame %s", frame).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            String type = lines[0].substring(7);
            JsonNode data;
            try {
                data = Json.read(lines[1].substring(6));
            } catch (java.io.IOException e) {
                throw new AssertionError(frame, e);
            }
            assertThat(data.path("type").asText()).isEqualTo(type);
            assertThat(data.path("sequence_number").asInt(-1)).as("sequence of %s", type).isEqualTo(events.size());
            sdkValidates(lines[1].substring(6));
            events.add(new Event(type, data));
        }
        return events;
    }

    private static void sdkValidates(String json) {
        try {
            ObjectMappers.jsonMapper().readValue(json, ResponseStreamEvent.class).validate();
        } catch (java.io.IOException | OpenAIInvalidDataException e) {
            throw new AssertionError("the OpenAI SDK rejects " + json, e);
        }
    }

    static List<String> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    static Event last(List<Event> events) {
        return events.getLast();
    }
}
