package dev.hearth.routing.quality;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.routing.QualityEstimator;

/**
 * The live router's quality estimate: a {@link QualityModel} applied to the request's last user turn (the prompt the
 * answer is about; RouterBench-style training data is single-turn).
 *
 * <p>A model without embedding weights (the shipped one) costs microseconds and runs inline on the event loop. A
 * retrained model that uses MiniLM {@link #blocks()}: the request path runs it off the event loop under a deadline
 * ({@code dev.hearth.pipeline.QualityOffload}), and where it must not wait uses {@link #nonBlocking()}, the
 * features-only {@code fallback} model, or no estimate when there is none.
 */
public final class QualityModelEstimator implements QualityEstimator {
    private final QualityModel model;
    private final QualityEstimator nonBlocking;

    /** An estimator over {@code model}; if it uses the embedding, there is no estimate where blocking is not allowed. */
    public QualityModelEstimator(QualityModel model) {
        this(model, null);
    }

    /**
     * An estimator over {@code model} that falls back to {@code fallback} (features only, or {@code null} for no
     * estimate) where blocking is not allowed.
     *
     * @throws IllegalArgumentException if {@code fallback} uses the embedding
     */
    public QualityModelEstimator(QualityModel model, QualityModel fallback) {
        this.model = model;
        if (fallback != null && fallback.usesEmbedding()) {
            throw new IllegalArgumentException("the fallback quality model must not use the embedding");
        }
        this.nonBlocking = !model.usesEmbedding() ? this
                : fallback == null ? QualityEstimator.NONE : new QualityModelEstimator(fallback);
    }

    @Override
    public double needsStrongModel(ChatRequest request) {
        String prompt = lastUserText(request);
        return prompt.isEmpty() ? Double.NaN : model.score(prompt);
    }

    @Override
    public boolean blocks() {
        return model.usesEmbedding();
    }

    @Override
    public QualityEstimator nonBlocking() {
        return nonBlocking;
    }

    private static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            Message message = request.messages().get(i);
            if (message.role() == Role.USER) {
                return message.joinedText();
            }
        }
        return "";
    }
}
