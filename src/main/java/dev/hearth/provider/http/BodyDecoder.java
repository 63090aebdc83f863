package dev.hearth.provider.http;

import io.vertx.core.buffer.Buffer;

/**
 * Turns a successful streamed response body into events for an {@link dev.hearth.provider.UpstreamListener}. One
 * instance per attempt; called on the attempt's event loop.
 */
public interface BodyDecoder {
    void onChunk(Buffer chunk);

    /** The body ended; the decoder decides whether that was a proper end or a truncation. */
    void onEnd();
}
