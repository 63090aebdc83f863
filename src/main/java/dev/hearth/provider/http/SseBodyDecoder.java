package dev.hearth.provider.http;

import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import io.vertx.core.buffer.Buffer;

/**
 * The shared half of every Server-Sent-Events protocol decoder: feeds body chunks to an {@link SseDecoder}, turns an
 * oversized event into a protocol failure, flushes a last event that lacked its blank line, and guarantees at most one
 * terminal call. Protocols supply what an event means and what a body that simply ends means.
 *
 * <p>One instance per attempt, called on the attempt's event loop; not thread-safe.
 */
public abstract class SseBodyDecoder implements BodyDecoder {
    private static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

    protected final UpstreamListener listener;
    private final SseDecoder sse = new SseDecoder(this::event, MAX_EVENT_BYTES);
    private boolean done;

    protected SseBodyDecoder(UpstreamListener listener) {
        this.listener = listener;
    }

    /** One complete event of the protocol; called only while the decoder is not done. */
    protected abstract void onEvent(String event, String data);

    /** The body ended with no terminal call yet: complete or fail, as the protocol's rules say. */
    protected abstract void onBodyEnded();

    @Override
    public final void onChunk(Buffer chunk) {
        if (done) {
            return;
        }
        try {
            sse.feed(chunk);
        } catch (IllegalStateException tooLarge) {
            fail(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, tooLarge.getMessage()));
        }
    }

    @Override
    public final void onEnd() {
        if (done) {
            return;
        }
        sse.flush();
        if (!done) {
            onBodyEnded();
        }
    }

    private void event(String event, String data) {
        if (!done) {
            onEvent(event, data);
        }
    }

    protected final boolean done() {
        return done;
    }

    protected final void complete() {
        if (!done) {
            done = true;
            listener.onComplete();
        }
    }

    protected final void fail(UpstreamFailure failure) {
        if (!done) {
            done = true;
            listener.onFailure(failure);
        }
    }
}
