package dev.hearth.dispatch;

import dev.hearth.model.ChatRequest;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.routing.Route;
import java.util.function.UnaryOperator;

/**
 * The guard stage's per-attempt say: what one attempt on a route sends upstream, and what its answer passes through
 * on the way back. The privacy guard uses it to send placeholders to cloud backends and restore the answer, while a
 * local backend gets the original; dispatch applies it to every attempt (first try, failover, retry round, hedge), so
 * no strategy can launch an attempt around it.
 *
 * <p>Contract: {@link #egress} must not throw and must be cheap (any heavy work happens before dispatch starts).
 * Called on the request's event loop; an implementation serves one request.
 */
public interface EgressGuard {

    /**
     * @param request  what to send upstream on this attempt
     * @param answer   wraps the attempt's listener (for example to restore placeholders); identity when nothing to do
     */
    record Egress(ChatRequest request, UnaryOperator<UpstreamListener> answer) {}

    Egress egress(Route route, ChatRequest original);

    /** The attempt on {@code route} is about to answer the client: a last chance to explain it to the sink. */
    default void committing(Route route, ClientSink sink) {}

    /** Every attempt sends the original and its answer passes as it is. */
    EgressGuard NONE = (route, original) -> new Egress(original, UnaryOperator.identity());
}
