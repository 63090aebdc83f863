package dev.hearth.dispatch;

import dev.hearth.error.GatewayError;
import dev.hearth.limits.RateLimitState;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.routing.Route;

/**
 * The client side of one exchange, implemented by each ingress dialect. Dispatch calls {@link #begin} once, when an
 * attempt commits (first content for streams, completion otherwise), then events, then exactly one of
 * {@link #complete} or {@link #fail}. {@code fail} before {@code begin} is an error response; after it, an in-band
 * error that ends the stream. All calls happen on the request's event loop.
 */
public interface ClientSink {

    /** Attempt {@code attempt} (from 1) is starting on {@code route}; for the audit record of failed requests too. */
    default void attempting(Route route, int attempt) {}

    void begin(Served served);

    void event(StreamEvent event);

    void complete(Usage usage);

    void fail(GatewayError error);

    /** The client's socket buffer is full: dispatch pauses the upstream until {@link #onDrain} fires. */
    boolean writeQueueFull();

    void onDrain(Runnable resume);

    /**
     * From now on the events come from a different upstream than the one whose bytes may have been relayed (a
     * continuation): render every event from the typed events, relay no more wire frames.
     */
    default void stopRelaying() {}

    /** Registers what to do if the client disconnects before the exchange ends (at once if it already has). */
    void onClientGone(Runnable cancel);

    /**
     * The privacy guard's account of this request, given before {@link #begin} or {@link #fail} and possibly again
     * (more precisely) just before {@code begin}; the last call wins. Names data classes and actions, never values.
     *
     * @param dataClasses the data classes found, lower-case and comma-separated, or "none"
     * @param action      what was done: none, allow, mask, unmasked-local, local-only, block, or off
     */
    default void privacy(String dataClasses, String action) {}

    /**
     * The rate limits that applied to this request (the tightest request and token buckets), given before
     * {@link #begin} or {@link #fail}; dialects show them in their own rate-limit headers.
     */
    default void rateLimits(RateLimitState state) {}
}
