package dev.hearth.model;

import java.util.List;

/**
 * Generation options; null means "not set, use the backend's default".
 *
 * @param maxTokens           output token limit
 * @param maxTokensFieldIsNew the client used OpenAI's {@code max_completion_tokens} rather than {@code max_tokens}
 */
public record Sampling(
        Double temperature,
        Double topP,
        Integer topK,
        Integer maxTokens,
        boolean maxTokensFieldIsNew,
        List<String> stop,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty) {

    public static final Sampling NONE = new Sampling(null, null, null, null, false, List.of(), null, null, null);

    public Sampling {
        stop = List.copyOf(stop);
    }
}
