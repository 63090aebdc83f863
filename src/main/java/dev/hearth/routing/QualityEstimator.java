package dev.hearth.routing;

import dev.hearth.model.ChatRequest;

/**
 * Estimates, from the prompt alone, the probability that the request needs a stronger model than the local one.
 * Must be fast (it runs on every aliased request) and thread-safe.
 */
@FunctionalInterface
public interface QualityEstimator {
    /** A probability in [0, 1], or NaN when no estimate is available. */
    double needsStrongModel(ChatRequest request);

    QualityEstimator NONE = request -> Double.NaN;
}
