package dev.hearth.dispatch;

import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.routing.Route;

/**
 * Paired observations of dispatch (request start/end, attempt start/end), for metrics and traces. Implementations
 * must be cheap and must never throw; they are called on the event loop.
 */
public interface DispatchListener {

    default void attemptStarted(Route route, int attempt) {}

    default void firstEvent(Route route, long nanosSinceAttemptStart) {}

    /** @param failure null when the attempt answered the client */
    default void attemptEnded(Route route, UpstreamFailure failure, long nanos) {}

    default void skipped(Route route, String why) {}

    /** An attempt stopped by Hearth, not by the upstream (a lost hedge, a gone client): says nothing about health. */
    default void attemptCancelled(Route route, String why, long nanos) {}

    /** @param served null when no attempt answered */
    default void exchangeEnded(Served served, Usage usage, boolean streamed, String outcome, long nanos,
            long firstByteNanos) {}

    DispatchListener NONE = new DispatchListener() {};
}
