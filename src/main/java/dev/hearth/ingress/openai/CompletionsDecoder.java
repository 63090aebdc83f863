package dev.hearth.ingress.openai;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalInt;
import static dev.hearth.ingress.common.JsonFields.optionalLong;
import static dev.hearth.ingress.common.JsonFields.optionalNumber;
import static dev.hearth.ingress.common.JsonFields.optionalObject;
import static dev.hearth.ingress.common.JsonFields.requiredString;
import static dev.hearth.ingress.common.JsonFields.stringOrStrings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import java.util.List;
import java.util.Map;

/**
 * Decodes a legacy Completions request. Hearth serves it through the chat path so that every backend can answer it:
 * the prompt becomes one user message. Options that only make sense for raw-text completion ({@code echo},
 * {@code suffix}, {@code logprobs}, {@code best_of}, several prompts, {@code n > 1}) are refused with a 400 that says so
 * rather than silently ignored.
 */
final class CompletionsDecoder {
    private static final List<String> UNSUPPORTED = List.of("echo", "suffix", "logprobs", "best_of");

    private CompletionsDecoder() {}

    static ChatRequest decode(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String model = requiredString(body, "model", "model");
        List<String> prompts = stringOrStrings(body, "prompt", "prompt");
        if (prompts.size() != 1) {
            throw invalid("prompt", "'prompt' must be one string (Hearth serves one prompt per legacy completion)");
        }
        for (String field : UNSUPPORTED) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())) {
                throw invalid(field, "'" + field + "' is not supported by Hearth's legacy completions; use"
                        + " /v1/chat/completions");
            }
        }
        Integer n = optionalInt(body, "n", "n", 1);
        if (n != null && n > 1) {
            throw invalid("n", "'n' greater than 1 is not supported by Hearth's legacy completions");
        }
        JsonNode streamOptions = optionalObject(body, "stream_options", "stream_options");
        Sampling sampling = new Sampling(optionalNumber(body, "temperature", "temperature"),
                optionalNumber(body, "top_p", "top_p"), null, optionalInt(body, "max_tokens", "max_tokens", 1), false,
                stringOrStrings(body, "stop", "stop"), optionalLong(body, "seed", "seed"),
                optionalNumber(body, "presence_penalty", "presence_penalty"),
                optionalNumber(body, "frequency_penalty", "frequency_penalty"));
        return new ChatRequest(model, List.of(Message.text(Role.USER, prompts.getFirst())), List.of(), null, null,
                sampling, optionalBoolean(body, "stream", "stream", false),
                streamOptions != null && optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage",
                        false),
                Map.of());
    }
}
