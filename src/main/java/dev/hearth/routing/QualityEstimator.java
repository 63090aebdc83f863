package dev.hearth.routing;

import dev.hearth.model.ChatRequest;

/**
 * Estimates, from the prompt alone, the probability that the request needs a stronger model than the local one.
 * Thread-safe. An estimator that embeds the prompt {@link #blocks() blocks} for milliseconds: the request path then
 * runs it off the event loop under a deadline and uses {@link #nonBlocking()} wherever it must not wait.
 */
@FunctionalInterface
public interface QualityEstimator {
    /** A probability in [0, 1], or NaN when no estimate is available; may block if {@link #blocks()}. */
    double needsStrongModel(ChatRequest request);

    /** Whether {@link #needsStrongModel} may block (for example to embed the prompt); false unless overridden. */
    default boolean blocks() {
        return false;
    }

    /** The estimate to use where blocking is not allowed (an event loop): this one unless it {@link #blocks()}. */
    default QualityEstimator nonBlocking() {
        return this;
    }

    QualityEstimator NONE = request -> Double.NaN;
}
