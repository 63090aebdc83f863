package dev.hearth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON Lines from a file or standard input ({@code -}), one object per line, as UTF-8. Blank lines are
 * skipped. Errors name the line number and never quote the line, which may hold exactly the data being protected.
 * Not thread-safe; one instance per command run.
 */
final class JsonLinesInput implements AutoCloseable {
    /** One line's outcome: a parsed object, or the reason it is not one. */
    record Line(int number, JsonNode object, String error) {}

    private final BufferedReader reader;
    private int number;

    private JsonLinesInput(BufferedReader reader) {
        this.reader = reader;
    }

    /** @throws IOException when the file cannot be opened */
    static JsonLinesInput open(String input, InputStream stdin) throws IOException {
        InputStream in = input.equals("-") ? stdin : Files.newInputStream(Path.of(input));
        return new JsonLinesInput(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    /** The next non-blank line, or null at the end. */
    Line next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            number++;
        } while (text != null && text.isBlank());
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = Json.read(text);
            if (node == null || !node.isObject()) {
                return new Line(number, null, "not a JSON object");
            }
            return new Line(number, node, null);
        } catch (JsonProcessingException malformed) {
            int column = malformed.getLocation() == null ? -1 : malformed.getLocation().getColumnNr();
            return new Line(number, null, "not valid JSON" + (column > 0 ? " (near column " + column + ")" : ""));
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
