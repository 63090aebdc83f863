package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityModelEstimatorTest {
    private static final QualityModel SHIPPED = QualityModel.load(text -> {
        throw new AssertionError("the shipped model must not need an embedding on the request path");
    });

    private static ChatRequest chat(Message... messages) {
        return new ChatRequest("auto", List.of(messages), List.of(), null, null, Sampling.NONE, false, false, Map.of());
    }

    @Test
    void theLastUserTurnIsScoredWithTheShippedModel() {
        String prompt = "Write a Python function that returns the n-th Fibonacci number.";
        double score = new QualityModelEstimator(SHIPPED).needsStrongModel(chat(Message.text(Role.SYSTEM, "Be brief."),
                Message.text(Role.USER, "hello"), Message.text(Role.ASSISTANT, "hi"), Message.text(Role.USER, prompt)));
        assertThat(score).isBetween(0.0, 1.0).isEqualTo(SHIPPED.score(prompt));
    }

    @Test
    void aRequestWithoutUserTextHasNoEstimate() {
        assertThat(new QualityModelEstimator(SHIPPED).needsStrongModel(chat(Message.text(Role.SYSTEM, "x"))))
                .isNaN();
    }

    /** A model whose score depends on the embedding (one non-zero weight), embedding with {@code embedder}. */
    private static QualityModel embeddingModel(PromptEmbedder embedder) {
        return QualityModel.of(new QualityWeights(List.of(), "toy", "weak", "strong", 0,
                new double[PromptFeatures.NAMES.size()], new double[] {3, 0}, new Boilerplate(List.of())), embedder);
    }

    @Test
    void anEmbeddingModelBlocksScoresWithTheEmbeddingAndFallsBackToTheFeaturesOnlyModel() {
        QualityModel embedding = embeddingModel(text -> new float[] {1, 0});
        QualityModelEstimator estimator = new QualityModelEstimator(embedding, SHIPPED);
        ChatRequest request = chat(Message.text(Role.USER, "Summarise this contract."));
        assertThat(estimator.blocks()).isTrue();
        assertThat(estimator.needsStrongModel(request)).isEqualTo(QualityModel.sigmoid(3));
        assertThat(estimator.nonBlocking().blocks()).isFalse();
        assertThat(estimator.nonBlocking().needsStrongModel(request))
                .isEqualTo(SHIPPED.score("Summarise this contract."));
    }

    @Test
    void anEmbeddingModelWithoutFallbackHasNoEstimateWhereItMustNotBlock() {
        QualityModelEstimator estimator = new QualityModelEstimator(embeddingModel(text -> new float[] {1, 0}));
        assertThat(estimator.nonBlocking().needsStrongModel(chat(Message.text(Role.USER, "hi")))).isNaN();
        assertThat(new QualityModelEstimator(SHIPPED).blocks()).isFalse();
        assertThat(new QualityModelEstimator(SHIPPED).nonBlocking()).isInstanceOf(QualityModelEstimator.class);
    }
}
