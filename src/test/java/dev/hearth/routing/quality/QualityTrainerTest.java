package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer end to end on a small synthetic set whose difficulty is visible in the prompt (no MiniLM needed). */
class QualityTrainerTest {
    /** Deterministic stand-in for MiniLM: a unit vector that depends only on the text's length parity. */
    private static final PromptEmbedder EMBEDDER = text -> {
        float[] vector = new float[4];
        vector[text.length() % 2] = 1;
        return vector;
    };

    @Test
    void aLearnableSignalGivesBetterThanRandomApgrAndABrierScoreBelowTheBaseRates() {
        List<LabeledPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            // Code requests: the weak model fails, the strong one succeeds. Small talk: both succeed.
            boolean code = i % 3 == 0;
            String prompt = code ? "Write a python function number " + i + " that returns a sorted list."
                    : "Tell me something nice about day " + i;
            prompts.add(new LabeledPrompt("synthetic", prompt, code ? 0 : 1, 1));
        }
        QualityTrainer.Options options = new QualityTrainer.Options(1L, 4, 1, List.of(0.01), List.of(1.0),
                List.of(5));
        QualityTrainer.Result result = QualityTrainer.train(prompts, EMBEDDER, "test-embedder", "weak", "strong",
                List.of(), options, line -> {});

        double baseRate = prompts.stream().mapToInt(LabeledPrompt::strongNeeded).average().orElseThrow();
        assertThat(result.candidates()).allSatisfy(c -> assertThat(c.brier()).isBetween(0.0, 1.0));
        assertThat(result.chosen().pooledApgr()).isGreaterThan(0.6);
        assertThat(result.chosen().brier()).isLessThan(baseRate * (1 - baseRate));
        assertThat(result.weights().clampsFeatures()).isTrue();
    }
}
