package dev.hearth.routing.quality;

import java.util.Objects;

/**
 * One prompt with the graded answers of the two models a router chooses between.
 *
 * @param dataset the prompt's group (RouterBench's {@code eval_name}), used to report metrics per dataset
 * @param prompt the prompt text as the user sent it
 * @param weakQuality the weak (local) model's grade in [0, 1]; RouterBench uses 0 (wrong) or 1 (correct)
 * @param strongQuality the strong (frontier) model's grade in [0, 1]
 */
public record LabeledPrompt(String dataset, String prompt, double weakQuality, double strongQuality) {

    public LabeledPrompt {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(prompt, "prompt");
        requireGrade("weakQuality", weakQuality);
        requireGrade("strongQuality", strongQuality);
    }

    /**
     * The training target: 1 when the strong model's answer is better than the weak one's (with 0/1 grades: the
     * strong model is right and the weak one wrong), else 0. Prompts both models get right, or both wrong, are 0:
     * calling the strong model for them buys nothing.
     */
    public int strongNeeded() {
        return strongQuality > weakQuality ? 1 : 0;
    }

    private static void requireGrade(String name, double grade) {
        if (!(grade >= 0 && grade <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + grade);
        }
    }
}
