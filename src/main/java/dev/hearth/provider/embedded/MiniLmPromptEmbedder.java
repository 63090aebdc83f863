package dev.hearth.provider.embedded;

import dev.hearth.routing.quality.PromptEmbedder;
import java.util.List;
import java.util.Objects;

/**
 * Lets the quality router embed with Hearth's in-process all-MiniLM-L6-v2 engine. Blocks while the engine loads and
 * for a few milliseconds per prompt, like {@link MiniLmEmbeddingEngine#embed}; thread-safe. Does not own the engine:
 * whoever created it closes it.
 */
public final class MiniLmPromptEmbedder implements PromptEmbedder {
    private final MiniLmEmbeddingEngine engine;

    public MiniLmPromptEmbedder(MiniLmEmbeddingEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public float[] embed(String text) {
        return engine.embed(List.of(text)).vectors().getFirst();
    }
}
