package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalLong;
import static dev.hearth.ingress.common.JsonFields.optionalNumber;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.stringOrStrings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ContentPart;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request fields {@code /api/chat} and {@code /api/generate} share, read and validated the same way (a wrong
 * type is a 400 naming the field path, like every Hearth dialect).
 *
 * <p>{@code options}: temperature, top_p, top_k, num_predict (the output limit; -1 and -2, "no limit" and "fill the
 * context", mean no limit), stop, seed, presence_penalty and frequency_penalty become canonical sampling options.
 * The rest is accepted and ignored: num_ctx (Hearth sizes an Ollama backend's window to each prompt itself, and other
 * backends have fixed windows), hardware and runner settings (num_gpu, num_thread, num_batch, use_mmap, ...) that
 * belong to the server running the model, and samplers with no counterpart on other backends (min_p, typical_p,
 * repeat_penalty, repeat_last_n, mirostat*).
 *
 * <p>{@code keep_alive} and {@code think} are validated but not sent on: the canonical request has no field for
 * them, and passing Ollama-only fields through would make OpenAI-compatible backends refuse the request. See
 * {@link OllamaCall} for what they still decide.
 */
final class OllamaFields {
    private static final Set<String> THINK_LEVELS = Set.of("low", "medium", "high");
    /** A keep_alive that unloads: zero in any of Go's duration units. */
    private static final Pattern ZERO_DURATION = Pattern.compile("-?0+(\\.0+)?(ns|us|µs|ms|s|m|h)?");

    private OllamaFields() {}

    /** Ollama streams unless told otherwise, the opposite of OpenAI. */
    static boolean stream(JsonNode body) {
        return optionalBoolean(body, "stream", "stream", true);
    }

    static Sampling sampling(JsonNode body) {
        JsonNode options = optionalObject(body, "options", "options");
        if (options == null) {
            return Sampling.NONE;
        }
        JsonNode topK = options.get("top_k");
        if (topK != null && !topK.isNull() && (!topK.isIntegralNumber() || !topK.canConvertToInt() || topK.asInt() < 0)) {
            throw invalid("options.top_k", "'options.top_k' must be a non-negative integer");
        }
        return new Sampling(optionalNumber(options, "temperature", "options.temperature"),
                optionalNumber(options, "top_p", "options.top_p"),
                topK == null || topK.isNull() ? null : topK.asInt(), maxTokens(options), false,
                stringOrStrings(options, "stop", "options.stop"), optionalLong(options, "seed", "options.seed"),
                optionalNumber(options, "presence_penalty", "options.presence_penalty"),
                optionalNumber(options, "frequency_penalty", "options.frequency_penalty"));
    }

    private static Integer maxTokens(JsonNode options) {
        Long value = optionalLong(options, "num_predict", "options.num_predict");
        if (value == null || value == -1 || value == -2) {
            return null;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw invalid("options.num_predict",
                    "'options.num_predict' must be a positive integer, or -1 (no limit) or -2 (fill the context)");
        }
        return value.intValue();
    }

    /** {@code "json"} is JSON mode; an object is a JSON Schema the answer must follow; "" or absent is text. */
    static ResponseFormat format(JsonNode body) {
        JsonNode format = body.get("format");
        if (format == null || format.isNull() || (format.isTextual() && format.asText().isEmpty())) {
            return null;
        }
        if (format.isTextual() && format.asText().equals("json")) {
            return new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
        }
        if (format.isObject()) {
            return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, Json.toMap(format), null);
        }
        throw invalid("format", "'format' must be \"json\" or a JSON Schema object");
    }

    /** {@code think}: true, false, or a level ("low", "medium", "high"); only false hides reasoning. */
    static boolean showThinking(JsonNode body) {
        JsonNode think = body.get("think");
        if (think == null || think.isNull()) {
            return true;
        }
        if (think.isBoolean()) {
            return think.asBoolean();
        }
        if (think.isTextual() && THINK_LEVELS.contains(think.asText())) {
            return true;
        }
        throw invalid("think", "'think' must be true, false, \"low\", \"medium\" or \"high\"");
    }

    /** Whether {@code keep_alive} asks to unload at once (0, "0", "0s", ...); other values are validated only. */
    static boolean unload(JsonNode body) {
        JsonNode keepAlive = body.get("keep_alive");
        if (keepAlive == null || keepAlive.isNull()) {
            return false;
        }
        if (keepAlive.isNumber()) {
            return keepAlive.asDouble() == 0;
        }
        if (keepAlive.isTextual()) {
            return ZERO_DURATION.matcher(keepAlive.asText().strip()).matches();
        }
        throw invalid("keep_alive", "'keep_alive' must be a duration like \"5m\" or a number of seconds");
    }

    /** {@code images}: base64 strings, each becoming an image part. */
    static List<ContentPart> images(JsonNode node, String path) {
        JsonNode images = node.get("images");
        if (images == null || images.isNull()) {
            return List.of();
        }
        if (!images.isArray()) {
            throw invalid(path, "'" + path + "' must be an array of base64 strings");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!images.get(i).isTextual()) {
                throw invalid(itemPath, "'" + itemPath + "' must be a base64 string");
            }
            parts.add(ImageData.part(images.get(i).asText(), itemPath));
        }
        return parts;
    }
}
