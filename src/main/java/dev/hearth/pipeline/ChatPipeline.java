package dev.hearth.pipeline;

import dev.hearth.backend.Protocol;
import dev.hearth.dispatch.ClientSink;
import dev.hearth.dispatch.Dispatcher;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.model.ChatRequest;
import dev.hearth.routing.Balancer;
import dev.hearth.routing.Eligibility;
import dev.hearth.routing.ModelDirectory;
import dev.hearth.routing.QualityEstimator;
import dev.hearth.routing.Ranking;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import dev.hearth.tokens.TokenCounter;
import java.util.List;

/**
 * What happens to a chat request, in order. Every ingress dialect hands its decoded request here.
 *
 * <ol>
 *   <li>authenticate — (governance issue) API key or JWT to a principal</li>
 *   <li>admit — (governance issue) rate limits and budget reservation</li>
 *   <li>inspect — (privacy issue) sensitive data classes found in the request</li>
 *   <li>route — the plan of attempts, with reasons</li>
 *   <li>guard — (privacy issue) masking before cloud egress</li>
 *   <li>dispatch — attempts, retries, failover, timeouts, commit</li>
 * </ol>
 * The stages not built yet are named here so the order is fixed before they arrive.
 */
public final class ChatPipeline {
    private final ModelDirectory directory;
    private final TokenCounter tokens;
    private final QualityEstimator quality;
    private final Balancer balancer = new Balancer(() -> java.util.concurrent.ThreadLocalRandom.current().nextLong());

    public ChatPipeline(ModelDirectory directory, TokenCounter tokens, QualityEstimator quality) {
        this.directory = directory;
        this.tokens = tokens;
        this.quality = quality;
    }

    /**
     * Runs the request; the answer or the refusal reaches {@code sink}. Refusals found before dispatch (unknown model,
     * no backend) are reported through the sink too, so the caller has one path.
     */
    public void handle(String requestId, ChatRequest request, ClientSink sink, Dispatcher dispatcher,
            long receivedNanos) {
        RoutePlan plan;
        try {
            plan = route(request);
        } catch (GatewayException refused) {
            sink.fail(refused.error());
            return;
        }
        dispatcher.dispatch(requestId, request, plan, sink, receivedNanos);
    }

    private RoutePlan route(ChatRequest request) {
        if (directory.backends().stream().noneMatch(b -> b.protocol() != Protocol.EMBEDDED)) {
            throw new GatewayException(new GatewayError(ErrorKind.NO_BACKEND,
                    "No chat backend is configured or was discovered. Start a local model server (for example"
                            + " `ollama serve`), set a cloud key such as OPENAI_API_KEY, or start Hearth with"
                            + " --config FILE listing your backends.",
                    "no_chat_backend", null, null));
        }
        RoutePlan plan = directory.plan(request.model());
        List<Route> chatRoutes = plan.routes().stream()
                .filter(route -> route.backend().protocol() != Protocol.EMBEDDED)
                .toList();
        if (chatRoutes.isEmpty()) {
            throw new GatewayException(GatewayError.invalid("model",
                    "The model '" + request.model() + "' is an embedding model; use /v1/embeddings."));
        }
        Eligibility.Result eligible = Eligibility.filter(chatRoutes, request, () -> tokens.countPrompt(request));
        if (eligible.eligible().isEmpty()) {
            throw new GatewayException(new GatewayError(ErrorKind.INVALID_REQUEST,
                    "No candidate for '" + request.model() + "' can serve this request: "
                            + String.join("; ", eligible.dropped()) + ".",
                    "no_eligible_backend", "model", null));
        }
        String reason = eligible.dropped().isEmpty() ? plan.reason()
                : plan.reason() + "; skipped: " + String.join(", ", eligible.dropped());
        if (plan.alias() == null) {
            return plan.withRoutes(balancer.order(eligible.eligible()), reason);
        }
        Ranking.Ranked ranked = Ranking.rank(eligible.eligible(), plan.alias(), request, quality);
        return plan.withRoutes(ranked.routes(), reason + "; " + ranked.explanation());
    }
}
