package dev.hearth.ingress.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Splits an NDJSON body into its JSON lines, asserting the framing: every line ends with LF, none is blank. */
final class NdjsonReader {
    private NdjsonReader() {}

    static List<JsonNode> lines(String body) {
        assertThat(body).as("an NDJSON body ends with a line feed").endsWith("\n");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.substring(0, body.length() - 1).split("\n", -1)) {
            assertThat(line).as("no blank lines").isNotBlank();
            lines.add(json(line));
        }
        return lines;
    }

    static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
