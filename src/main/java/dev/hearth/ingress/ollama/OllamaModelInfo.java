package dev.hearth.ingress.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.backend.Backend;
import dev.hearth.backend.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Hearth can say about a model in Ollama's terms, best effort: Hearth has no model files, so size is 0 and the
 * digest is the SHA-256 of the name (stable, and distinct per name, which is all clients use it for). Details are
 * read from the name the way Ollama's tags are written ({@code qwen2.5-coder:7b-instruct-q4_K_M}: family "qwen",
 * parameter size "7B", quantization "Q4_K_M"); {@code format} is "gguf" only for models on an Ollama backend (the
 * only format Ollama runs), empty otherwise. Capabilities: "embedding" for the in-process backend and names that
 * say "embed", otherwise "completion" and "tools" (Hearth has no per-model capability catalog yet; a model that
 * cannot call tools is refused by its backend, and the client sees that error).
 *
 * <p>{@code modified_at} is a fixed instant: Hearth does not know when a backend's model changed, and a constant
 * keeps listings stable. Stateless.
 */
final class OllamaModelInfo {
    static final String MODIFIED_AT = "2024-01-01T00:00:00Z";
    private static final Pattern PARAMETER_SIZE = Pattern.compile("(?<![a-z0-9.])(\\d+(?:\\.\\d+)?)([bm])(?![a-z])");
    private static final Pattern QUANTIZATION = Pattern.compile("(?<![a-z0-9])(q\\d(?:_[a-z0-9]+)*|i?q\\d_[a-z0-9_]+"
            + "|bf16|fp16|f16|fp32|f32)(?![a-z0-9])");
    private static final Pattern FAMILY = Pattern.compile("^[a-z]+");

    private OllamaModelInfo() {}

    static String digest(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", impossible);
        }
    }

    /** "llama" for {@code library/llama3.2:3b}: the leading letters of the base name, or "" when there are none. */
    static String family(String name, Backend backend) {
        if (backend != null && backend.protocol() == Protocol.EMBEDDED) {
            return "bert"; // the in-process MiniLM is a BERT model
        }
        Matcher letters = FAMILY.matcher(baseName(name));
        return letters.find() ? letters.group() : "";
    }

    static String parameterSize(String name) {
        Matcher size = PARAMETER_SIZE.matcher(name.toLowerCase(Locale.ROOT));
        return size.find() ? size.group(1) + size.group(2).toUpperCase(Locale.ROOT) : "";
    }

    static String quantization(String name) {
        int colon = name.indexOf(':');
        Matcher level = QUANTIZATION.matcher(colon < 0 ? "" : name.substring(colon + 1).toLowerCase(Locale.ROOT));
        return level.find() ? level.group(1).toUpperCase(Locale.ROOT) : "";
    }

    static List<String> capabilities(String name, Backend backend) {
        boolean embedding = (backend != null && backend.protocol() == Protocol.EMBEDDED)
                || name.toLowerCase(Locale.ROOT).contains("embed");
        return embedding ? List.of("embedding") : List.of("completion", "tools");
    }

    /** The {@code details} object of a listing or {@code /api/show}. */
    static void writeDetails(JsonGenerator gen, String name, Backend backend) throws IOException {
        String family = family(name, backend);
        gen.writeObjectFieldStart("details");
        gen.writeStringField("parent_model", "");
        gen.writeStringField("format", backend != null && backend.protocol() == Protocol.OLLAMA ? "gguf" : "");
        gen.writeStringField("family", family);
        if (family.isEmpty()) {
            gen.writeNullField("families");
        } else {
            gen.writeArrayFieldStart("families");
            gen.writeString(family);
            gen.writeEndArray();
        }
        gen.writeStringField("parameter_size", parameterSize(name));
        gen.writeStringField("quantization_level", quantization(name));
        gen.writeEndObject();
    }

    /** One entry of {@code /api/tags}. */
    static void writeListing(JsonGenerator gen, String name, Backend backend) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", name);
        gen.writeStringField("model", name);
        gen.writeStringField("modified_at", MODIFIED_AT);
        gen.writeNumberField("size", 0);
        gen.writeStringField("digest", digest(name));
        writeDetails(gen, name, backend);
        gen.writeEndObject();
    }

    private static String baseName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int colon = base.indexOf(':');
        return (colon < 0 ? base : base.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
