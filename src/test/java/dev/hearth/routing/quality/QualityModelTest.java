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

    /** Only the digit-share weight (4) matters; the training range of digit share is [0, 0.1]. */
    private static QualityWeights digitWeights(boolean ranged) {
        int n = PromptFeatures.NAMES.size();
        double[] features = new double[n];
        int digitShare = PromptFeatures.NAMES.indexOf("digit-share");
        features[digitShare] = 4;
        double[] min = new double[n];
        double[] max = new double[n];
        java.util.Arrays.fill(min, -1e9);
        java.util.Arrays.fill(max, 1e9);
        min[digitShare] = 0;
        max[digitShare] = 0.1;
        return new QualityWeights(List.of("clamp test"), "toy", "weak-model", "strong-model", -1, features,
                new double[] {0, 0, 0}, new Boilerplate(List.of()), ranged ? min : null, ranged ? max : null);
    }

    @Test
    void aFeatureOutsideItsTrainingRangeScoresAsItsClampedValue() {
        QualityModel clamped = QualityModel.of(digitWeights(true), new LengthEmbedder());
        // "17*23=?" has digit share 4/7, far above the range's 0.1; at 0.1 the logit is -1 + 4 * 0.1.
        double atTheEdge = 1 / (1 + Math.exp(-(-1 + 4 * 0.1)));
        assertThat(clamped.score("17*23=?")).isCloseTo(atTheEdge, within(1e-12));
        assertThat(clamped.score("1234567890")).isCloseTo(atTheEdge, within(1e-12));
        // Inside the range nothing changes: one digit in 20 characters is 0.05.
        assertThat(clamped.score("abcdefghijklmnopqrs1")).isCloseTo(1 / (1 + Math.exp(-(-1 + 4 * 0.05))),
                within(1e-12));
        // Without ranges (an old file) the same prompt extrapolates: -1 + 4 * 4/7.
        QualityModel unclamped = QualityModel.of(digitWeights(false), new LengthEmbedder());
        assertThat(unclamped.score("17*23=?")).isCloseTo(1 / (1 + Math.exp(-(-1 + 4 * 4.0 / 7))), within(1e-12));
    }

    @Test
    void featureRangesSurviveTheTextFormatAndOldFilesStillRead() throws Exception {
        StringWriter text = new StringWriter();
        digitWeights(true).write(text);
        assertThat(text.toString()).contains("feature-range digit-share 0 0.1\n");
        QualityWeights read = QualityWeights.read(new StringReader(text.toString()));
        assertThat(read.clampsFeatures()).isTrue();
        assertThat(QualityModel.of(read, new LengthEmbedder()).score("17*23=?"))
                .isEqualTo(QualityModel.of(digitWeights(true), new LengthEmbedder()).score("17*23=?"));
        String old = text.toString().lines().filter(line -> !line.startsWith("feature-range"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(QualityWeights.read(new StringReader(old)).clampsFeatures()).isFalse();
    }

    @Test
    void anIncompleteSetOfFeatureRangesIsRejected() throws Exception {
        StringWriter text = new StringWriter();
        digitWeights(true).write(text);
        String missing = text.toString().replaceFirst("feature-range log-words [^\n]*\n", "");
        assertThatThrownBy(() -> QualityWeights.read(new StringReader(missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature ranges");
    }

    @Test
    void theTrainerTakesEachFeaturesRangeFromItsTrainingRows() {
        double[][] range = QualityTrainer.featureRange(new double[][] {{1, -2}, {3, 5}, {2, 0}});
        assertThat(range[0]).containsExactly(1, -2);
        assertThat(range[1]).containsExactly(3, 5);
    }
}
