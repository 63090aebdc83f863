package dev.hearth.catalog;

import dev.hearth.model.Usage;

/** What an answer cost at a model's catalog price. */
public final class Pricing {
    private Pricing() {}

    /** USD for {@code usage} at {@code info}'s prices, or NaN when the catalog has no price for the model. */
    public static double cost(ModelInfo info, Usage usage) {
        if (info.inputPerMillion() == null || info.outputPerMillion() == null) {
            return Double.NaN;
        }
        return (info.inputPerMillion() * usage.promptTokens() + info.outputPerMillion() * usage.completionTokens())
                / 1_000_000.0;
    }
}
