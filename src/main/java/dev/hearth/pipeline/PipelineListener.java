package dev.hearth.pipeline;

import dev.hearth.routing.RoutePlan;

/**
 * What the pipeline decided, for metrics: every routing decision, and every refusal with the stage that made it.
 * Implementations must be cheap and thread-safe (called on event loops).
 */
public interface PipelineListener {
    PipelineListener NONE = new PipelineListener() {};

    /** A plan was made (before admission): its basis, strategy and first route's locality. */
    default void routed(RoutePlan plan) {}

    /**
     * A request was refused before dispatch.
     *
     * @param stage {@code authorize}, {@code privacy}, {@code route} or {@code admit}
     * @param code  the refusal's machine-readable code (Hearth's own, a small fixed set)
     */
    default void refused(String stage, String code) {}
}
