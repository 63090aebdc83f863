package dev.hearth.privacy.eval;

/**
 * Counts for one span type over a data set.
 *
 * @param gold      labelled spans of this type
 * @param predicted detected spans of this type
 * @param truePositives detected spans of this type that overlap a labelled span of the same type (one to one)
 * @param leaked    labelled spans of this type not fully covered by detected spans of any type
 */
public record TypeScore(String type, int gold, int predicted, int truePositives, int leaked) {

    /** Share of detections that were right; 1 when nothing was detected. */
    public double precision() {
        return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    /** Share of labelled spans detected with the right type; 1 when nothing was labelled. */
    public double recall() {
        return gold == 0 ? 1.0 : (double) truePositives / gold;
    }

    /** F-beta with beta = 2: recall weighs four times as much as precision, as a leak costs more than a false alarm. */
    public double f2() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
    }

    /** Share of labelled spans whose text would leave unmasked (in part or whole). */
    public double leakRate() {
        return gold == 0 ? 0 : (double) leaked / gold;
    }

    TypeScore plus(TypeScore other) {
        return new TypeScore(type, gold + other.gold, predicted + other.predicted,
                truePositives + other.truePositives, leaked + other.leaked);
    }
}
