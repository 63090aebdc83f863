package dev.hearth.provider.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.model.Sampling;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the {@code options} object of an Ollama request: the canonical sampling options under Ollama's names, and
 * always {@code num_ctx}, the context window the model is loaded with.
 *
 * <p>Why num_ctx is always sent: Ollama loads a model with a default context (2048 or 4096 tokens depending on the
 * version) whatever the model supports, and silently drops the start of a longer prompt. An agent's long
 * conversation or a large document would be answered without its beginning, and nobody would be told. So every
 * request asks for a window sized to that request.
 */
final class OllamaOptions {
    /**
     * The smallest window asked for: Ollama's own current default, so a request never gets less than a plain request
     * would. It also makes all short prompts ask for the same size: Ollama reloads the model whenever num_ctx
     * changes, and a reload costs seconds.
     */
    static final int MIN_CONTEXT = 4096;
    /** Windows grow in steps, again so that similar prompts share one size and do not reload the model. */
    static final int CONTEXT_STEP = 1024;
    /** Room left for the answer when the client set no output limit. */
    static final int DEFAULT_OUTPUT_TOKENS = 1024;
    /** Fixed allowance for the chat template (role markers, tool schemas rendered into the prompt by Ollama). */
    static final int TEMPLATE_ALLOWANCE = 256;

    private OllamaOptions() {}

    /**
     * The window a request needs. {@code promptTokens} is an estimate with the o200k tokenizer (TokenCounter), not
     * the model's own: Llama, Qwen, Mistral or Gemma tokenizers usually count a few to 30% more tokens for the same
     * text, so a quarter of the prompt is added as a margin, plus the template allowance. Ollama caps the window at
     * the model's trained context length itself, so no cap is applied here.
     */
    static int contextWindow(int promptTokens, Integer maxTokens) {
        long output = maxTokens != null && maxTokens > 0 ? maxTokens : DEFAULT_OUTPUT_TOKENS;
        long needed = promptTokens + promptTokens / 4L + TEMPLATE_ALLOWANCE + output;
        long rounded = (needed + CONTEXT_STEP - 1) / CONTEXT_STEP * CONTEXT_STEP;
        return (int) Math.min(Math.max(rounded, MIN_CONTEXT), Integer.MAX_VALUE / CONTEXT_STEP * CONTEXT_STEP);
    }

    /**
     * @param clientOptions an {@code options} map a client sent in Ollama's own terms (request extra), or null; its
     *                      entries are kept unless a canonical field sets the same option, and its num_ctx is
     *                      honoured when larger than the computed one (never smaller: that would truncate)
     */
    static void write(JsonGenerator gen, Sampling s, int numCtx, Object clientOptions) throws IOException {
        gen.writeObjectFieldStart("options");
        int window = numCtx;
        Map<?, ?> client = clientOptions instanceof Map<?, ?> map ? map : Map.of();
        if (client.get("num_ctx") instanceof Number asked && asked.longValue() > window) {
            window = (int) Math.min(asked.longValue(), Integer.MAX_VALUE);
        }
        gen.writeNumberField("num_ctx", window);
        if (s.temperature() != null) {
            gen.writeNumberField("temperature", s.temperature());
        }
        if (s.topP() != null) {
            gen.writeNumberField("top_p", s.topP());
        }
        if (s.topK() != null) {
            gen.writeNumberField("top_k", s.topK());
        }
        if (s.maxTokens() != null) {
            gen.writeNumberField("num_predict", s.maxTokens());
        }
        if (!s.stop().isEmpty()) {
            gen.writeArrayFieldStart("stop");
            for (String stop : s.stop()) {
                gen.writeString(stop);
            }
            gen.writeEndArray();
        }
        if (s.seed() != null) {
            gen.writeNumberField("seed", s.seed());
        }
        if (s.presencePenalty() != null) {
            gen.writeNumberField("presence_penalty", s.presencePenalty());
        }
        if (s.frequencyPenalty() != null) {
            gen.writeNumberField("frequency_penalty", s.frequencyPenalty());
        }
        for (Map.Entry<?, ?> option : client.entrySet()) {
            String name = String.valueOf(option.getKey());
            if (!isSet(name, s)) {
                gen.writeObjectField(name, option.getValue());
            }
        }
        gen.writeEndObject();
    }

    /** Whether the canonical options already wrote {@code name} (num_ctx is always written). */
    private static boolean isSet(String name, Sampling s) {
        return switch (name) {
            case "num_ctx" -> true;
            case "temperature" -> s.temperature() != null;
            case "top_p" -> s.topP() != null;
            case "top_k" -> s.topK() != null;
            case "num_predict" -> s.maxTokens() != null;
            case "stop" -> !s.stop().isEmpty();
            case "seed" -> s.seed() != null;
            case "presence_penalty" -> s.presencePenalty() != null;
            case "frequency_penalty" -> s.frequencyPenalty() != null;
            default -> false;
        };
    }
}
