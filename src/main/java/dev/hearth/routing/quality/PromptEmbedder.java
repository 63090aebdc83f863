package dev.hearth.routing.quality;

/**
 * Turns a text into the embedding the quality model was trained on (all-MiniLM-L6-v2: 384 floats, L2-normalised).
 * The core defines it so that routing never depends on a concrete model runtime; the composition root adapts
 * Hearth's in-process engine to it.
 *
 * <p>Implementations must be thread-safe; they may block (the quality model is called on worker threads).
 */
@FunctionalInterface
public interface PromptEmbedder {
    /** The embedding of {@code text}; never {@code null}. */
    float[] embed(String text);
}
