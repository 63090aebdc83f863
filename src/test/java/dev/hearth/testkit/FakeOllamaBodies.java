package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON bodies {@link FakeOllama} answers with, shaped as Ollama documents them (docs/api.md): stream lines for
 * {@code /api/chat} and {@code /api/generate}, their final {@code done} line, the single object of
 * {@code stream: false}, and the model listings. Everything is deterministic: a fixed timestamp, durations and
 * digests derived from the input, embedding vectors derived from the text.
 */
final class FakeOllamaBodies {
    static final String CREATED_AT = "2025-01-01T00:00:00.000000Z";

    private FakeOllamaBodies() {}

    /** One line per text chunk, then one line carrying every tool call (Ollama sends calls complete). */
    static List<String> chatLines(String model, Answer answer) {
        List<String> lines = new ArrayList<>();
        for (String chunk : answer.textChunks()) {
            ObjectNode line = head(model);
            line.set("message", message(chunk, null));
            line.put("done", false);
            lines.add(line.toString());
        }
        if (!answer.toolCalls().isEmpty()) {
            ObjectNode line = head(model);
            line.set("message", message("", answer));
            line.put("done", false);
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code /api/generate} streams {@code response} text and has no tool calls. */
    static List<String> generateLines(String model, Answer answer) {
        List<String> lines = new ArrayList<>();
        for (String chunk : answer.textChunks()) {
            lines.add(head(model).put("response", chunk).put("done", false).toString());
        }
        return lines;
    }

    /** The final line: empty message (or response), done, done_reason and the counts. */
    static ObjectNode doneLine(String model, Answer answer, boolean generate) {
        ObjectNode line = head(model);
        if (generate) {
            line.put("response", "");
        } else {
            line.set("message", message("", null));
        }
        line.put("done", true);
        // Ollama reports "stop" when it answered with tool calls; it has no tool_calls reason.
        line.put("done_reason", "length".equals(answer.finishReason()) ? "length" : "stop");
        if (generate) {
            line.putArray("context").add(1).add(2).add(3);
        }
        return counts(line, answer.promptTokens(), answer.completionTokens());
    }

    /** {@code stream: false}: the whole answer in one object, the done line's fields included. */
    static ObjectNode wholeAnswer(String model, Answer answer, boolean generate) {
        ObjectNode whole = doneLine(model, answer, generate);
        if (generate) {
            whole.put("response", answer.fullText());
        } else {
            ObjectNode message = message(answer.fullText(), answer.toolCalls().isEmpty() ? null : answer);
            whole.set("message", message);
        }
        return whole;
    }

    /** The answer to a request with no messages (or prompt): Ollama loads or unloads the model and says so. */
    static ObjectNode loadLine(String model, boolean generate, boolean unload) {
        ObjectNode line = head(model);
        if (generate) {
            line.put("response", "");
        } else {
            line.set("message", message("", null));
        }
        return line.put("done", true).put("done_reason", unload ? "unload" : "load");
    }

    static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }

    /** {@code /api/tags} (installed) or {@code /api/ps} (loaded, with expiry and VRAM size). */
    static ObjectNode listing(List<String> names, boolean loaded) {
        ObjectNode answer = Json.object();
        ArrayNode entries = answer.putArray("models");
        names.forEach(name -> entries.add(modelEntry(name, loaded)));
        return answer;
    }

    /** {@code /api/embed}: one vector per input (a string or an array of strings), and the tokens counted. */
    static ObjectNode embeddings(String model, JsonNode input, int dimensions) {
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else {
            input.forEach(text -> texts.add(text.asText()));
        }
        ObjectNode answer = Json.object().put("model", model);
        ArrayNode vectors = answer.putArray("embeddings");
        int tokens = 0;
        for (String text : texts) {
            ArrayNode vector = vectors.addArray();
            for (float value : embedding(text, dimensions)) {
                vector.add(value);
            }
            tokens += Math.max(1, text.split("\\s+").length);
        }
        return answer.put("total_duration", 1_000_000L).put("load_duration", 1_000L).put("prompt_eval_count", tokens);
    }

    private static ObjectNode modelEntry(String name, boolean loaded) {
        ObjectNode entry = Json.object().put("name", name).put("model", name);
        if (!loaded) {
            entry.put("modified_at", CREATED_AT);
        }
        entry.put("size", 2_019_393_189L).put("digest", digest(name));
        ObjectNode details = entry.putObject("details");
        details.put("parent_model", "").put("format", "gguf").put("family", family(name));
        details.putArray("families").add(family(name));
        details.put("parameter_size", "3.2B").put("quantization_level", "Q4_K_M");
        if (loaded) {
            entry.put("expires_at", "2025-01-01T00:05:00.000000Z").put("size_vram", 2_019_393_189L);
        }
        return entry;
    }

    static ObjectNode show(String name) {
        ObjectNode show = Json.object();
        show.put("modelfile", "FROM " + name + "\n").put("parameters", "stop \"<|eot_id|>\"")
                .put("template", "{{ .Prompt }}");
        show.set("details", modelEntry(name, false).get("details"));
        show.putObject("model_info").put("general.architecture", family(name))
                .put(family(name) + ".context_length", 131_072);
        ArrayNode capabilities = show.putArray("capabilities");
        if (name.contains("embed")) {
            capabilities.add("embedding");
        } else {
            capabilities.add("completion").add("tools");
        }
        show.put("modified_at", CREATED_AT);
        return show;
    }

    /** A unit-length vector derived from the text only, so equal texts embed equally in every run. */
    static float[] embedding(String text, int dimensions) {
        byte[] seed = sha256(text);
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (seed[i % seed.length] + 0.5f * (i / seed.length)) / 128f;
            norm += vector[i] * vector[i];
        }
        double length = Math.sqrt(norm) == 0 ? 1 : Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] / length);
        }
        return vector;
    }

    private static ObjectNode head(String model) {
        return Json.object().put("model", model).put("created_at", CREATED_AT);
    }

    private static ObjectNode message(String content, Answer withToolCalls) {
        ObjectNode message = Json.object().put("role", "assistant").put("content", content);
        if (withToolCalls != null) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < withToolCalls.toolCalls().size(); i++) {
                Answer.ToolCallSpec spec = withToolCalls.toolCalls().get(i);
                ObjectNode call = calls.addObject();
                if (spec.id() != null) {
                    call.put("id", spec.id());
                }
                ObjectNode function = call.putObject("function").put("index", i).put("name", spec.name());
                function.set("arguments", arguments(spec.argumentsJson()));
            }
        }
        return message;
    }

    private static JsonNode arguments(String json) {
        try {
            return json == null || json.isBlank() ? Json.object() : Json.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException("scripted tool-call arguments are not JSON: " + json, e);
        }
    }

    private static ObjectNode counts(ObjectNode line, int promptTokens, int completionTokens) {
        // Durations in nanoseconds, as Ollama reports them; derived from the counts so they are stable.
        return line.put("total_duration", 1_000_000L * (promptTokens + completionTokens + 10))
                .put("load_duration", 1_000_000L)
                .put("prompt_eval_count", promptTokens)
                .put("prompt_eval_duration", 1_000_000L * promptTokens)
                .put("eval_count", completionTokens)
                .put("eval_duration", 1_000_000L * completionTokens);
    }

    private static String family(String name) {
        return name.startsWith("qwen") ? "qwen3" : name.contains("embed") ? "nomic-bert" : "llama";
    }

    private static String digest(String name) {
        return HexFormat.of().formatHex(sha256(name));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
