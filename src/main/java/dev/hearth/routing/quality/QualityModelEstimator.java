package dev.hearth.routing.quality;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.routing.QualityEstimator;

/**
 * The live router's quality estimate: the shipped {@link QualityModel} applied to the request's last user turn (the
 * prompt the answer is about; RouterBench-style training data is single-turn). It runs inline on the event loop, so
 * only a model that needs no embedding is used there (the shipped one: ~0.04 ms p50); a retrained model that does
 * need MiniLM returns "no estimate" until scoring moves off the event loop.
 */
public final class QualityModelEstimator implements QualityEstimator {
    private final QualityModel model;

    public QualityModelEstimator(QualityModel model) {
        this.model = model;
    }

    @Override
    public double needsStrongModel(ChatRequest request) {
        if (model.usesEmbedding()) {
            return Double.NaN;
        }
        String prompt = lastUserText(request);
        return prompt.isEmpty() ? Double.NaN : model.score(prompt);
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
