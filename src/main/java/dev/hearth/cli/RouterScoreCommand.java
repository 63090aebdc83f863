package dev.hearth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.quality.PromptEmbedder;
import dev.hearth.routing.quality.QualityModel;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth router score}: scores prompts from JSON Lines with the quality model. The whole input is read and
 * checked before anything is scored, so a malformed line produces an error and no partial output.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score prompts: reads JSON Lines {\"id\": ..., \"prompt\": \"...\"} and writes"
                + " {\"id\": ..., \"score\": S} per line to standard output. S in [0, 1] is the estimated probability"
                + " that the strong model is needed (higher: route to the stronger model). Blank lines are skipped;"
                + " a malformed line stops the command with exit code 2 before any output.")
final class RouterScoreCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines file, or - for stdin.")
    String input;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Weights file from `hearth router train` (default: the model shipped in Hearth).")
    Path model;

    record Item(JsonNode id, String prompt) {}

    @Override
    public Integer call() throws IOException {
        List<Item> items;
        try (BufferedReader in = "-".equals(input)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            items = parse(in);
        } catch (NoSuchFileException missing) {
            System.err.println("hearth: no such file: " + input);
            return 2;
        } catch (IllegalArgumentException malformed) {
            System.err.println("hearth: " + ("-".equals(input) ? "stdin" : input) + ":" + malformed.getMessage());
            return 2;
        }
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            PromptEmbedder embedder = new MiniLmPromptEmbedder(engine);
            QualityModel quality;
            try {
                quality = model == null ? QualityModel.load(embedder) : QualityModel.read(model, embedder);
            } catch (IllegalArgumentException | NoSuchFileException invalid) {
                System.err.println("hearth: cannot read the model: " + invalid.getMessage());
                return 2;
            }
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            for (Item item : items) {
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.set("id", item.id());
                line.put("score", quality.score(item.prompt()));
                out.write(Json.MAPPER.writeValueAsString(line));
                out.write('\n');
            }
            out.flush();
        }
        return 0;
    }

    /** The items of every non-blank line; {@link IllegalArgumentException} "LINE: why" for the first bad one. */
    static List<Item> parse(BufferedReader in) throws IOException {
        List<Item> items = new ArrayList<>();
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.read(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(number + ": not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(number + ": expected a JSON object {\"id\": ..., \"prompt\": ...}");
            }
            if (!node.has("id")) {
                throw new IllegalArgumentException(number + ": missing \"id\"");
            }
            JsonNode prompt = node.get("prompt");
            if (prompt == null || !prompt.isTextual()) {
                throw new IllegalArgumentException(number + ": \"prompt\" must be a string");
            }
            items.add(new Item(node.get("id"), prompt.textValue()));
        }
        return items;
    }
}
