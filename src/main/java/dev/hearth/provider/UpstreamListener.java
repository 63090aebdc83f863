package dev.hearth.provider;

import dev.hearth.model.StreamEvent;

/**
 * Receives one attempt's outcome. Calls arrive in order on the thread that started the attempt; after
 * {@link #onComplete()} or {@link #onFailure} nothing more arrives.
 */
public interface UpstreamListener {
    void onEvent(StreamEvent event);

    /** The upstream finished its answer properly (finish reason seen; end marker seen or the body ended cleanly). */
    void onComplete();

    void onFailure(UpstreamFailure failure);
}
