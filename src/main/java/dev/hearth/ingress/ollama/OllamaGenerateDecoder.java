package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.common.JsonFields.invalid;
import static dev.hearth.ingress.common.JsonFields.optionalBoolean;
import static dev.hearth.ingress.common.JsonFields.optionalString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes an Ollama {@code POST /api/generate} body. Hearth serves it through the chat path, so that every backend
 * can answer it: {@code system} becomes a system message and {@code prompt} with its {@code images} one user
 * message; {@code format}, {@code options}, {@code stream}, {@code think} and {@code keep_alive} as for chat. An
 * absent or empty {@code prompt} is Ollama's "load the model" call.
 *
 * <p>Refused with a 400 that says so rather than ignored, because the answer would silently differ from what was
 * asked: {@code raw: true} (the prompt is already templated; a chat backend would template it again),
 * {@code suffix} (fill-in-the-middle has no chat equivalent), {@code template} (Hearth cannot re-template a backend's
 * model) and a non-empty {@code context} (token ids of an earlier answer, which only the server that made them can
 * read). Stateless.
 */
final class OllamaGenerateDecoder {
    private OllamaGenerateDecoder() {}

    static OllamaCall decode(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(null, "The request body must be a JSON object");
        }
        String model = OllamaChatDecoder.model(body);
        if (optionalBoolean(body, "raw", "raw", false)) {
            throw invalid("raw", "'raw' is not supported by Hearth: generate is served through the chat path, where"
                    + " the model's template always applies; send the prompt without its template");
        }
        refuseText(body, "suffix", "fill-in-the-middle ('suffix') is not supported by Hearth's /api/generate");
        refuseText(body, "template", "'template' is not supported by Hearth: the backend's own template applies");
        JsonNode context = body.get("context");
        if (context != null && !context.isNull() && !(context.isArray() && context.isEmpty())) {
            throw invalid("context", "'context' is not supported by Hearth: send the conversation to /api/chat as"
                    + " messages instead");
        }
        String prompt = optionalString(body, "prompt", "prompt");
        String system = optionalString(body, "system", "system");
        List<ContentPart> images = OllamaFields.images(body, "images");
        List<Message> messages = new ArrayList<>();
        if (prompt != null && !prompt.isEmpty()) {
            if (system != null && !system.isEmpty()) {
                messages.add(Message.text(Role.SYSTEM, system));
            }
            List<ContentPart> user = new ArrayList<>();
            user.add(new ContentPart.Text(prompt));
            user.addAll(images);
            messages.add(new Message(Role.USER, user, List.of(), null, null));
        }
        ChatRequest request = new ChatRequest(model, messages, List.of(), null, OllamaFields.format(body),
                OllamaFields.sampling(body), OllamaFields.stream(body), false, Map.of());
        return new OllamaCall(request, OllamaFields.showThinking(body), OllamaFields.unload(body));
    }

    private static void refuseText(JsonNode body, String field, String message) {
        String value = optionalString(body, field, field);
        if (value != null && !value.isEmpty()) {
            throw invalid(field, message);
        }
    }
}
