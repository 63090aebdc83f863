package dev.hearth.dispatch;

import dev.hearth.backend.Backend;
import dev.hearth.config.FailoverConfig;
import dev.hearth.model.ChatRequest;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.routing.RoutePlan;
import dev.hearth.tokens.TokenCounter;
import java.util.function.Function;

/**
 * Runs a route plan: attempts, retries with backoff, failover to the next route, circuit breakers, timeouts, and the
 * commit rule that decides when the client sees an answer. One dispatcher per event loop; each request gets its own
 * {@link ChatExchange}.
 */
public final class Dispatcher {
    private final FailoverConfig failover;
    private final Scheduler scheduler;
    private final Function<Backend, ProviderAdapter> adapters;
    private final DispatchListener listener;
    private final TokenCounter tokens;
    private final Backoff backoff;

    public Dispatcher(FailoverConfig failover, Scheduler scheduler, Function<Backend, ProviderAdapter> adapters,
            DispatchListener listener, TokenCounter tokens) {
        this.failover = failover;
        this.scheduler = scheduler;
        this.adapters = adapters;
        this.listener = listener;
        this.tokens = tokens;
        this.backoff = new Backoff(failover.backoffBase(), failover.backoffMax());
    }

    /**
     * Starts dispatching {@code request} along {@code plan}; the outcome reaches {@code sink}. Every attempt goes
     * through {@code guard}; a {@link RoutePlan#localOnly() local-only} plan never reaches a cloud backend.
     *
     * @param receivedNanos when the gateway received the request, for the overhead figure
     */
    public void dispatch(String requestId, ChatRequest request, RoutePlan plan, EgressGuard guard, ClientSink sink,
            long receivedNanos) {
        new ChatExchange(this, requestId, request, plan, guard, sink, receivedNanos).start();
    }

    FailoverConfig failover() {
        return failover;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    ProviderAdapter adapterFor(Backend backend) {
        return adapters.apply(backend);
    }

    DispatchListener listener() {
        return listener;
    }

    TokenCounter tokens() {
        return tokens;
    }

    Backoff backoff() {
        return backoff;
    }
}
