package dev.hearth.provider.embedded;

import dev.hearth.routing.quality.PromptEmbedder;
import java.util.Objects;

/**
 * Lets the quality router embed with Hearth's in-process all-MiniLM-L6-v2 engine, reading at most the first
 * {@value #HEAD_PIECES} and the last {@value #TAIL_PIECES} word pieces of a prompt
 * ({@link MiniLmEmbeddingEngine#embedBounded}). MiniLM's cost grows with the pieces it reads, so the budget is what
 * keeps the decision path's p99 bounded whatever the prompt's size (bench/RESULTS.md, "Routing decision path"); the
 * tail is kept because a long prompt's question usually comes after the material pasted above it. Training,
 * evaluation, {@code router score} and {@code serve} all embed through this class, so they read the same pieces.
 *
 * <p>Blocks while the engine loads and for a few milliseconds per prompt; thread-safe. Does not own the engine:
 * whoever created it closes it.
 */
public final class MiniLmPromptEmbedder implements PromptEmbedder {
    /** Word pieces read from the start of a prompt. */
    public static final int HEAD_PIECES = 48;
    /** Word pieces read from the end of a prompt. */
    public static final int TAIL_PIECES = 16;

    private final MiniLmEmbeddingEngine engine;

    public MiniLmPromptEmbedder(MiniLmEmbeddingEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public float[] embed(String text) {
        return engine.embedBounded(text, HEAD_PIECES, TAIL_PIECES);
    }
}
