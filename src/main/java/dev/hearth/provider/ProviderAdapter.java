package dev.hearth.provider;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Speaks one backend's wire protocol. An adapter translates the canonical request to the upstream's format and the
 * upstream's (always streamed) answer back to {@link dev.hearth.model.StreamEvent}s. It classifies failures but never
 * retries: retries, timeouts and failover belong to dispatch.
 *
 * <p>Threading: methods are called on an event loop and must not block; listener calls arrive on the same thread.
 */
public interface ProviderAdapter {

    /**
     * Starts a chat attempt against {@code upstreamModel}. The adapter always streams from the upstream, whatever the
     * client asked, so that timeouts and failover behave the same for both.
     */
    UpstreamCall streamChat(ChatRequest request, String upstreamModel, UpstreamListener listener);

    /** Embeds inputs; fails with {@link UpstreamException} carrying a classified failure. */
    CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, String upstreamModel);

    /** Models the upstream serves now, for discovery. */
    CompletionStage<List<String>> listModels();
}
