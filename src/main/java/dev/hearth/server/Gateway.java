package dev.hearth.server;

import dev.hearth.auth.Authenticator;
import dev.hearth.backend.Backend;
import dev.hearth.config.HearthConfig;
import dev.hearth.observability.GatewayMetrics;
import dev.hearth.pipeline.ChatPipeline;
import dev.hearth.pipeline.RouteExplainer;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.routing.RecentDecisions;
import dev.hearth.store.Governance;
import dev.hearth.tokens.TokenCounter;
import java.util.List;

/**
 * What all event loops share: configuration, backends (with their breakers), the model directory, metrics, the token
 * counter, the in-process embedding adapter, and governance (keys, audit) with the authenticator in force. Everything
 * here is thread-safe. {@code explainer} and {@code decisions} serve the routing admin endpoints.
 */
public record Gateway(HearthConfig config, List<Backend> backends, ModelDirectory directory, GatewayMetrics metrics,
        TokenCounter tokens, ProviderAdapter embedded, ChatPipeline pipeline, Readiness readiness,
        Governance governance, Authenticator authenticator, RouteExplainer explainer, RecentDecisions decisions) {

    /** Set once the server listens; readiness checks read it. */
    public static final class Readiness {
        private volatile boolean ready;

        public boolean ready() {
            return ready;
        }

        public void markReady() {
            ready = true;
        }
    }
}
