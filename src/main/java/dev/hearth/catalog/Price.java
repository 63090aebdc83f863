package dev.hearth.catalog;

/** USD per million prompt and per million completion tokens. */
public record Price(double inputPerMillion, double outputPerMillion) {
    public Price {
        if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0) || Double.isInfinite(inputPerMillion)
                || Double.isInfinite(outputPerMillion)) {
            throw new IllegalArgumentException("prices must be zero or more USD per million tokens");
        }
    }

    /** What {@code promptTokens} in and {@code completionTokens} out cost, in whole micro-dollars, rounded up. */
    public long microUsd(long promptTokens, long completionTokens) {
        return (long) Math.ceil(exactMicroUsd(promptTokens, completionTokens));
    }

    /** The same cost in dollars, unrounded (for metrics that add up fractions of a cent). */
    public double usd(long promptTokens, long completionTokens) {
        return exactMicroUsd(promptTokens, completionTokens) / 1_000_000.0;
    }

    private double exactMicroUsd(long promptTokens, long completionTokens) {
        // USD per million tokens is exactly micro-USD per token.
        return inputPerMillion * promptTokens + outputPerMillion * completionTokens;
    }
}
