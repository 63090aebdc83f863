package dev.hearth.routing;

import dev.hearth.backend.Protocol;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.model.ChatRequest;
import dev.hearth.tokens.TokenCounter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The route stage: from the model the client named to the ordered plan of attempts, with the reasons. Candidates
 * come from the {@link ModelDirectory}, {@link Eligibility} drops those that cannot serve the request, then an alias's
 * {@link Ranking} strategy, or the {@link Balancer} for replicas of one model, orders the rest. Refusals are thrown as
 * {@link GatewayException}s carrying the reason. Thread-safe.
 */
public final class RoutePlanner {
    private final ModelDirectory directory;
    private final TokenCounter tokens;
    private final QualityEstimator quality;
    private final Balancer balancer = new Balancer(() -> ThreadLocalRandom.current().nextLong());

    public RoutePlanner(ModelDirectory directory, TokenCounter tokens, QualityEstimator quality) {
        this.directory = directory;
        this.tokens = tokens;
        this.quality = quality;
    }

    /** The plan for {@code request}; a refusal is thrown as a {@link GatewayException} carrying the reason. */
    public RoutePlan plan(ChatRequest request) {
        Decision decision = decide(request);
        if (decision.refusal() != null) {
            throw new GatewayException(decision.refusal());
        }
        return decision.plan();
    }

    /** The whole decision, refusals included as values: what {@code route explain} shows. Never throws for a refusal. */
    public Decision decide(ChatRequest request) {
        String requested = request.model();
        if (directory.backends().stream().noneMatch(b -> b.protocol() != Protocol.EMBEDDED)) {
            return refused(requested, "model", List.of(), List.of(), new GatewayError(ErrorKind.NO_BACKEND,
                    "No chat backend is configured or was discovered. Start a local model server (for example"
                            + " `ollama serve`), set a cloud key such as OPENAI_API_KEY, or start Hearth with"
                            + " --config FILE listing your backends.",
                    "no_chat_backend", null, null));
        }
        RoutePlan plan;
        try {
            plan = directory.plan(requested);
        } catch (GatewayException unknown) {
            return refused(requested, "model", List.of(), List.of(), unknown.error());
        }
        String basis = plan.alias() == null ? "model"
                : "alias, " + plan.alias().strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        List<String> candidates = plan.routes().stream().map(Route::ref).toList();
        List<Route> chatRoutes = plan.routes().stream()
                .filter(route -> route.backend().protocol() != Protocol.EMBEDDED)
                .toList();
        if (chatRoutes.isEmpty()) {
            return refused(requested, basis, candidates, List.of(), GatewayError.invalid("model",
                    "The model '" + requested + "' is an embedding model; use /v1/embeddings."));
        }
        Eligibility.Result eligible = Eligibility.filter(chatRoutes, request, () -> tokens.countPrompt(request));
        if (eligible.eligible().isEmpty()) {
            return refused(requested, basis, candidates, eligible.dropped(), new GatewayError(ErrorKind.INVALID_REQUEST,
                    "No candidate for '" + requested + "' can serve this request: "
                            + String.join("; ", eligible.dropped()) + ".",
                    "no_eligible_backend", "model", null));
        }
        String reason = eligible.dropped().isEmpty() ? plan.reason()
                : plan.reason() + "; skipped: " + String.join(", ", eligible.dropped());
        if (plan.alias() == null) {
            RoutePlan balanced = plan.withRoutes(balancer.order(eligible.eligible()), reason);
            return new Decision(requested, basis, candidates, eligible.dropped(), "", balanced, null);
        }
        Ranking.Ranked ranked = Ranking.rank(eligible.eligible(), plan.alias(), request, quality);
        RoutePlan ordered = plan.withRoutes(ranked.routes(), reason + "; " + ranked.explanation());
        return new Decision(requested, basis, candidates, eligible.dropped(), ranked.explanation(), ordered, null);
    }

    private static Decision refused(String requested, String basis, List<String> candidates, List<String> dropped,
            GatewayError refusal) {
        return new Decision(requested, basis, candidates, dropped, "", null, refusal);
    }
}
