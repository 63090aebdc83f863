package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The weights shipped in the jar load and score real prompts through the real embedding engine (loaded once). */
class ShippedQualityModelTest {
    private static final List<String> PROMPTS = List.of(
            "What is the capital of France?",
            "Write a python function to find the longest palindromic substring in O(n) time.",
            "Which gas do plants absorb?\nA) oxygen\nB) carbon dioxide\nC) nitrogen\nD) helium\nAnswer:",
            "");

    private static MiniLmEmbeddingEngine engine;
    private static PromptEmbedder embedder;

    @BeforeAll
    static void loadEngine() {
        engine = new MiniLmEmbeddingEngine();
        embedder = new MiniLmPromptEmbedder(engine);
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void theShippedWeightsLoadAndNameTheirModels() {
        QualityWeights weights = QualityModel.load(embedder).weights();
        assertThat(weights.dimension()).isEqualTo(MiniLmEmbeddingEngine.DIMENSION);
        assertThat(weights.embeddingModel()).isEqualTo(MiniLmEmbeddingEngine.MODEL_NAME);
        assertThat(weights.weak()).isEqualTo(RouterBenchData.DEFAULT_WEAK);
        assertThat(weights.strong()).isEqualTo(RouterBenchData.DEFAULT_STRONG);
        assertThat(weights.notes()).isNotEmpty();
    }

    @Test
    void realPromptsGetStableScoresInZeroToOne() {
        QualityModel model = QualityModel.load(embedder);
        for (String prompt : PROMPTS) {
            double score = model.score(prompt);
            assertThat(score).as(prompt).isBetween(0.0, 1.0);
            assertThat(model.score(prompt)).as(prompt).isEqualTo(score);
        }
    }

    @Test
    void aCallerCanReuseItsOwnEmbeddingOfTheEmbeddingInput() {
        QualityModel model = QualityModel.load(embedder);
        for (String prompt : PROMPTS) {
            float[] embedding = embedder.embed(model.embeddingInput(prompt));
            assertThat(embedding).hasSize(MiniLmEmbeddingEngine.DIMENSION);
            assertThat(model.score(embedding, prompt)).as(prompt).isEqualTo(model.score(prompt));
        }
    }

    @Test
    void recurringFewShotExamplesFromTrainingAreStripped() {
        QualityModel model = QualityModel.load(embedder);
        String shots = String.join("\n\n", model.weights().boilerplate().blocks().subList(0, 2));
        assertThat(model.embeddingInput(shots + "\n\nThe real question?")).isEqualTo("The real question?");
    }
}
