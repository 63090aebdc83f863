package dev.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.eval.LabeledText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled set in JSON Lines, {@code {"id","text","spans":[{"type","start","end"}]}}, into
 * {@link LabeledText}s. Errors carry line numbers, never text.
 */
public final class LabeledJsonLines {
    /** The examples, or the problems found (then examples is empty). */
    public record Result(List<LabeledText> examples, List<String> problems) {}

    private LabeledJsonLines() {}

    /** @throws IOException when the input cannot be opened or read */
    public static Result read(String input, InputStream stdin) throws IOException {
        List<LabeledText> examples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (JsonLinesInput lines = JsonLinesInput.open(input, stdin)) {
            for (JsonLinesInput.Line line = lines.next(); line != null; line = lines.next()) {
                String problem = line.error() != null ? line.error() : PrivacyScanCommand.problem(line.object());
                if (problem == null) {
                    try {
                        examples.add(example(line.object()));
                    } catch (IllegalArgumentException bad) {
                        problem = bad.getMessage();
                    }
                }
                if (problem != null) {
                    problems.add("line " + line.number() + ": " + problem);
                }
            }
        }
        return problems.isEmpty() ? new Result(examples, List.of()) : new Result(List.of(), problems);
    }

    private static LabeledText example(JsonNode object) {
        JsonNode spans = object.get("spans");
        if (spans == null || !spans.isArray()) {
            throw new IllegalArgumentException("\"spans\" must be an array");
        }
        List<Span> parsed = new ArrayList<>();
        for (JsonNode span : spans) {
            JsonNode type = span.get("type");
            JsonNode start = span.get("start");
            JsonNode end = span.get("end");
            if (type == null || !type.isTextual() || start == null || !start.canConvertToInt() || end == null
                    || !end.canConvertToInt() || !SpanTypes.isKnown(type.asText())) {
                throw new IllegalArgumentException("each span needs a known \"type\" and integer \"start\", \"end\"");
            }
            parsed.add(new Span(type.asText(), start.asInt(), end.asInt()));
        }
        return new LabeledText(object.get("id").asText(), object.get("text").asText(), parsed);
    }
}
