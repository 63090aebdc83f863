package dev.hearth.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hearth privacy scan --input FILE}: reads {@code {"id": ..., "text": "..."}} per line and writes
 * {@code {"id": ..., "spans": [{"type": "EMAIL_ADDRESS", "start": 10, "end": 27}, ...]}} per line, in input order,
 * with the detector from {@link Detectors#standard}. Offsets are UTF-16 code units (Java string indices) into the
 * decoded {@code text}.
 *
 * <p>A malformed line (not JSON, not an object, no scalar {@code id}, no string {@code text}) is reported on stderr
 * with its line number and skipped: no output line is written for it, the other lines are still scanned, and the
 * exit code is 2. Each output line is written whole. Detected values never appear in error messages.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Detect sensitive spans in JSON Lines {\"id\",\"text\"}; writes {\"id\",\"spans\"} per line.")
final class PrivacyScanCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON Lines file, or - for stdin.")
    String input;

    @Mixin
    RuleOptions rules = new RuleOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Detector detector;
        try {
            detector = Detectors.standard(rules.rules());
        } catch (IllegalArgumentException bad) {
            err.println("hearth privacy scan: " + bad.getMessage());
            return 2;
        }
        int malformed = 0;
        try (JsonLinesInput lines = JsonLinesInput.open(input, System.in)) {
            for (JsonLinesInput.Line line = lines.next(); line != null; line = lines.next()) {
                String problem = line.error() != null ? line.error() : problem(line.object());
                if (problem != null) {
                    err.println("hearth privacy scan: line " + line.number() + ": " + problem);
                    malformed++;
                    continue;
                }
                out.print(render(line.object().get("id"), detector.detect(line.object().get("text").asText())));
            }
        } catch (IOException io) {
            err.println("hearth privacy scan: cannot read " + input + ": " + io.getClass().getSimpleName());
            return 2;
        } finally {
            out.flush();
        }
        return malformed == 0 ? 0 : 2;
    }

    static String problem(JsonNode object) {
        JsonNode id = object.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return "\"id\" must be a string or an integer";
        }
        JsonNode text = object.get("text");
        if (text == null || !text.isTextual()) {
            return "\"text\" must be a string";
        }
        return null;
    }

    /** One complete output line, newline included. */
    static String render(JsonNode id, List<Span> spans) throws IOException {
        StringWriter line = new StringWriter();
        try (JsonGenerator gen = Json.MAPPER.createGenerator(line)) {
            gen.writeStartObject();
            gen.writeFieldName("id");
            Json.MAPPER.writeTree(gen, id);
            gen.writeArrayFieldStart("spans");
            for (Span span : spans) {
                gen.writeStartObject();
                gen.writeStringField("type", span.type());
                gen.writeNumberField("start", span.start());
                gen.writeNumberField("end", span.end());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return line.append('\n').toString();
    }
}
