package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's parts: boilerplate learning, the logistic fit, the features, AUC. */
class TrainingPiecesTest {

    @Test
    void blocksSharedByManyPromptsAreLearnedAndStripped() {
        String shots = "Q: 1+1?\nA: 2\n\nQ: 2+2?\nA: 4";
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            prompts.add(shots + "\n\nQ: " + i + "+" + i + "?\nA:");
        }
        prompts.add("A lone prompt\n\nwith two blocks");
        Boilerplate boilerplate = Boilerplate.learn(prompts);
        assertThat(boilerplate.blocks()).containsExactly("Q: 1+1?\nA: 2", "Q: 2+2?\nA: 4");
        assertThat(boilerplate.strip(prompts.get(3))).isEqualTo(new Boilerplate.Stripped("Q: 3+3?\nA:", 2));
        assertThat(boilerplate.strip("A lone prompt")).isEqualTo(new Boilerplate.Stripped("A lone prompt", 0));
        assertThat(boilerplate.strip(shots)).isEqualTo(new Boilerplate.Stripped(shots, 0)); // nothing would be left
    }

    @Test
    void logisticRegressionFindsTheInformativeInputAndItsWeightsApplyToRawValues() {
        // y depends on x0 (scaled by 1000) only; x1 is noise.
        SplittableRandom random = new SplittableRandom(5);
        int n = 2000;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double signal = random.nextGaussian();
            x[i] = new double[] {1000 * signal + 50, random.nextGaussian()};
            y[i] = random.nextDouble() < QualityModel.sigmoid(2 * signal) ? 1 : 0;
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 1e-4);
        assertThat(fit.weights()[0] * 1000).isCloseTo(2, within(0.25));
        assertThat(Math.abs(fit.weights()[1])).isLessThan(0.15);
        assertThat(fit.logit(new double[] {50, 0})).isCloseTo(0, within(0.2));
    }

    @Test
    void aHeavyPenaltyShrinksWeightsTowardZero() {
        double[][] x = {{0}, {1}, {2}, {3}};
        int[] y = {0, 0, 1, 1};
        double light = LogisticRegression.fit(x, y, 0.01).weights()[0];
        double heavy = LogisticRegression.fit(x, y, 100).weights()[0];
        assertThat(heavy).isPositive().isLessThan(light / 10);
    }

    @Test
    void choleskySolvesASymmetricSystem() {
        double[][] a = {{4, 2}, {2, 3}};
        assertThat(LogisticRegression.solveCholesky(a, new double[] {6, 5})).containsExactly(new double[] {1, 1},
                within(1e-12));
    }

    @Test
    void featuresDescribeTheQuestion() {
        double[] f = PromptFeatures.of("Which is larger?\nA) 12\nB) 7", 5);
        assertThat(f).hasSize(PromptFeatures.NAMES.size());
        assertThat(f[0]).isCloseTo(Math.log1p(27), within(1e-12)); // characters
        assertThat(f[1]).isCloseTo(Math.log1p(7), within(1e-12)); // words
        assertThat(f[2]).isCloseTo(Math.log1p(3), within(1e-12)); // lines
        assertThat(f[3]).isCloseTo(3 / 27.0, within(1e-12)); // digits
        assertThat(f[5]).isZero(); // no code words
        assertThat(f[6]).isCloseTo(0.2, within(1e-12)); // two options
        assertThat(f[7]).isEqualTo(1); // question mark
        assertThat(f[8]).isCloseTo(Math.log1p(5), within(1e-12));
        assertThat(PromptFeatures.of("Write a python function to sort a list.", 0)[5]).isEqualTo(1);
        assertThat(PromptFeatures.of("", 0)).containsOnly(0.0);
    }

    @Test
    void aucIsOneForAPerfectRankingAndAHalfForTies() {
        assertThat(QualityTrainer.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1})).isEqualTo(1);
        assertThat(QualityTrainer.auc(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1})).isEqualTo(0.5);
    }

    @Test
    void brierScoreIsZeroWhenSureAndRightAndRewardsTheBaseRateOverAWrongGuess() {
        int[] labels = {0, 0, 0, 1};
        assertThat(QualityTrainer.brier(new double[] {0, 0, 0, 1}, labels)).isZero();
        assertThat(QualityTrainer.brier(new double[] {0.25, 0.25, 0.25, 0.25}, labels)).isEqualTo(0.25 * 0.75);
        assertThat(QualityTrainer.brier(new double[] {1, 1, 1, 0}, labels)).isEqualTo(1);
    }
}
