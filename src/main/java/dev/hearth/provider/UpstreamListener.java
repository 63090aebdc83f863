package dev.hearth.provider;

import dev.hearth.model.StreamEvent;

/**
 * Receives one attempt's outcome. Calls arrive in order on the thread that started the attempt; after
 * {@link #onComplete()} or {@link #onFailure} nothing more arrives.
 */
public interface UpstreamListener {
    /**
     * The attempt has its upstream connection and its request is being written: any wait for a pooled connection
     * (local queueing, not the backend's fault) is over, so the first-token clock starts here. An adapter that never
     * calls it gets no first-token timeout, only the total one (fine for answers given or refused synchronously).
     */
    default void onDispatched() {
    }

    void onEvent(StreamEvent event);

    /** The upstream finished its answer properly (finish reason seen; end marker seen or the body ended cleanly). */
    void onComplete();

    void onFailure(UpstreamFailure failure);
}
