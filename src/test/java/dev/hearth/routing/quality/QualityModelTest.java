package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scoring path with fixed tiny weights: a 3-value embedding and hand-picked feature weights. */
class QualityModelTest {
    private static final String EXAMPLE = "Example question?\nAnswer: yes";

    /** Weight 2 on embedding[0], 0.5 on log-chars, every other weight 0, bias -1. */
    private static QualityWeights weights(double embeddingWeight) {
        double[] features = new double[PromptFeatures.NAMES.size()];
        features[0] = 0.5;
        return new QualityWeights(List.of("test weights"), "toy", "weak-model", "strong-model", -1, features,
                new double[] {embeddingWeight, 0, 0}, new Boilerplate(List.of(EXAMPLE)));
    }

    /** Embeds a text as (its length / 100, 0, 0), recording what it was asked. */
    private static final class LengthEmbedder implements PromptEmbedder {
        final List<String> seen = new ArrayList<>();

        @Override
        public synchronized float[] embed(String text) {
            seen.add(text);
            return new float[] {text.length() / 100f, 0, 0};
        }
    }

    @Test
    void theScoreIsTheSigmoidOfTheLogit() {
        QualityModel model = QualityModel.of(weights(2), new LengthEmbedder());
        String prompt = "What is 2+2?";
        double logit = -1 + 0.5 * Math.log1p(prompt.length()) + 2 * 0.25;
        assertThat(model.score(new float[] {0.25f, 9, 9}, prompt)).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1e6, -40, -1, 0, 1, 40, 1e6})
    void scoresStayInZeroToOneAtAnyLogit(double embeddingValue) {
        double score = QualityModel.of(weights(1), new LengthEmbedder()).score(new float[] {(float) embeddingValue, 0, 0},
                "x");
        assertThat(score).isBetween(0.0, 1.0).isNotNaN();
    }

    @Test
    void theScoreRisesWithTheLogit() {
        QualityModel model = QualityModel.of(weights(2), new LengthEmbedder());
        double previous = -1;
        for (float value = -3; value <= 3; value += 0.5f) {
            double score = model.score(new float[] {value, 0, 0}, "the same prompt");
            assertThat(score).isGreaterThan(previous);
            previous = score;
        }
    }

    @Test
    void boilerplateIsRemovedBeforeEmbeddingAndFromTheFeatures() {
        LengthEmbedder embedder = new LengthEmbedder();
        QualityModel model = QualityModel.of(weights(2), embedder);
        String prompt = EXAMPLE + "\n\nReal question?";
        assertThat(model.embeddingInput(prompt)).isEqualTo("Real question?");
        double score = model.score(prompt);
        assertThat(embedder.seen).containsExactly("Real question?");
        assertThat(score).isEqualTo(model.score(new float[] {0.14f, 0, 0}, prompt));
    }

    @Test
    void aModelWithoutEmbeddingWeightsNeverCallsTheEmbedder() {
        PromptEmbedder refusing = text -> {
            throw new AssertionError("embedded " + text);
        };
        QualityModel model = QualityModel.of(weights(0), refusing);
        assertThat(model.usesEmbedding()).isFalse();
        assertThat(model.score("anything")).isBetween(0.0, 1.0);
    }

    @Test
    void anEmbeddingOfTheWrongLengthIsRejected() {
        QualityModel model = QualityModel.of(weights(2), new LengthEmbedder());
        assertThatThrownBy(() -> model.score(new float[384], "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an embedding of 3 values, got 384");
    }

    @Test
    void weightsSurviveTheirTextFormat() throws Exception {
        StringWriter text = new StringWriter();
        weights(2).write(text);
        QualityWeights read = QualityWeights.read(new StringReader(text.toString()));
        StringWriter again = new StringWriter();
        read.write(again);
        assertThat(again.toString()).isEqualTo(text.toString());
        assertThat(read.boilerplate()).isEqualTo(new Boilerplate(List.of(EXAMPLE)));
        assertThat(read.notes()).containsExactly("test weights");
        QualityModel before = QualityModel.of(weights(2), new LengthEmbedder());
        QualityModel after = QualityModel.of(read, new LengthEmbedder());
        assertThat(after.score("Some prompt, 42")).isEqualTo(before.score("Some prompt, 42"));
    }

    @Test
    void aFileWithAnUnknownKeyIsRejectedWithItsLine() {
        String file = "format " + QualityWeights.FORMAT + "\n# comment\nweights 1 2\n";
        assertThatThrownBy(() -> QualityWeights.read(new StringReader(file)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 3: unknown key \"weights\"");
    }

    @Test
    void aFileFromAnotherFeatureSetIsRejected() throws Exception {
        StringWriter text = new StringWriter();
        weights(2).write(text);
        String renamed = text.toString().replace("feature log-chars", "feature log-bytes");
        assertThatThrownBy(() -> QualityWeights.read(new StringReader(renamed)))
                .hasMessageContaining("are not this version's");
    }
}
