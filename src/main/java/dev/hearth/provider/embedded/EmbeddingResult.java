package dev.hearth.provider.embedded;

import java.util.List;
import java.util.Objects;

/**
 * The output of one {@link MiniLmEmbeddingEngine#embed} call.
 *
 * @param vectors one vector per input, in input order; each is L2-normalised and owned by the caller
 *     (the engine keeps no reference to it)
 * @param promptTokens word pieces the model read across all inputs, excluding the {@code [CLS]} and
 *     {@code [SEP]} markers and anything cut off by truncation
 */
public record EmbeddingResult(List<float[]> vectors, int promptTokens) {

    /** Copies the list (not the arrays) so the record cannot be changed through it. */
    public EmbeddingResult {
        vectors = List.copyOf(Objects.requireNonNull(vectors, "vectors"));
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must not be negative: " + promptTokens);
        }
    }
}
