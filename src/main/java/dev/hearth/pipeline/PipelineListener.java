package dev.hearth.pipeline;

/**
 * What the pipeline refused before any upstream call, for metrics (routing decisions themselves are reported by the
 * planner's {@code DecisionListener}). Implementations must be cheap and thread-safe (called on event loops).
 */
public interface PipelineListener {
    PipelineListener NONE = new PipelineListener() {};

    /**
     * A request was refused before dispatch.
     *
     * @param stage {@code authorize}, {@code privacy}, {@code route} or {@code admit}
     * @param code  the refusal's machine-readable code (Hearth's own, a small fixed set)
     */
    default void refused(String stage, String code) {}
}
