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
        // USD per million tokens is exactly micro-USD per token.
        return (long) Math.ceil(inputPerMillion * promptTokens + outputPerMillion * completionTokens);
    }
}
