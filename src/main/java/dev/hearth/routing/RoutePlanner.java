package dev.hearth.routing;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.model.ChatRequest;
import dev.hearth.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The route stage: from the model the client named to the ordered plan of attempts, with the reasons. Candidates
 * come from the {@link ModelDirectory}, {@link Eligibility} drops those that cannot serve the request, then an alias's
 * {@link Ranking} strategy, or the {@link Balancer} for replicas of one model, orders the rest. Refusals are thrown as
 * {@link GatewayException}s carrying the reason. Thread-safe.
 *
 * <p>A {@link Confinement#localOnly() local-only} request is decided here first: cloud candidates are withheld
 * before eligibility and ranking (which never add a candidate), the plan is marked local-only so that dispatch
 * enforces it again, and with no local candidate at all the request is refused with a 403 {@code privacy_local_only}
 * that names the data classes, never a value.
 */
public final class RoutePlanner {
    private final ModelDirectory directory;
    private final TokenCounter tokens;
    private final QualityEstimator quality;
    private final Balancer balancer = new Balancer(() -> ThreadLocalRandom.current().nextLong());
    private final DecisionListener listener;

    public RoutePlanner(ModelDirectory directory, TokenCounter tokens, QualityEstimator quality) {
        this(directory, tokens, quality, DecisionListener.NONE);
    }

    /** @param listener told of every decision {@link #plan} makes (metrics, recent decisions); not of {@link #decide} */
    public RoutePlanner(ModelDirectory directory, TokenCounter tokens, QualityEstimator quality,
            DecisionListener listener) {
        this.directory = directory;
        this.tokens = tokens;
        this.quality = quality;
        this.listener = listener;
    }

    /** The plan for {@code request}; a refusal is thrown as a {@link GatewayException} carrying the reason. */
    public RoutePlan plan(ChatRequest request) {
        return plan(request, Confinement.NONE);
    }

    /**
     * The plan for {@code request}; a refusal is thrown as a {@link GatewayException} carrying the reason. Never
     * blocks: a blocking quality estimator is replaced by its {@link QualityEstimator#nonBlocking() non-blocking}
     * form, so a caller that wants the full estimate computes it elsewhere and passes it to
     * {@link #plan(ChatRequest, Confinement, double)}.
     */
    public RoutePlan plan(ChatRequest request, Confinement confinement) {
        return planWith(request, confinement, quality.nonBlocking());
    }

    /** Like {@link #plan(ChatRequest, Confinement)} with the quality estimate already computed ({@code NaN}: none). */
    public RoutePlan plan(ChatRequest request, Confinement confinement, double qualityEstimate) {
        return planWith(request, confinement, ignored -> qualityEstimate);
    }

    /** The estimator {@link #decide} uses; it may {@link QualityEstimator#blocks() block}. */
    public QualityEstimator quality() {
        return quality;
    }

    /** Whether ranking {@code request} reads the quality estimate: it names an alias of a quality-aware strategy. */
    public boolean ranksByQuality(ChatRequest request) {
        AliasConfig alias = request.model() == null ? null : directory.aliases().get(request.model());
        return alias != null && (alias.strategy() == Strategy.LOCAL_FIRST || alias.strategy() == Strategy.QUALITY);
    }

    private RoutePlan planWith(ChatRequest request, Confinement confinement, QualityEstimator estimate) {
        Decision decision = decide(request, confinement, estimate);
        listener.decided(decision);
        if (decision.refusal() != null) {
            throw new GatewayException(decision.refusal());
        }
        return decision.plan();
    }

    public Decision decide(ChatRequest request) {
        return decide(request, Confinement.NONE);
    }

    /**
     * The whole decision, refusals included as values: what {@code route explain} shows. Never throws for a refusal.
     * Uses the full quality estimator, which may block: call it off the event loop.
     */
    public Decision decide(ChatRequest request, Confinement confinement) {
        return decide(request, confinement, quality);
    }

    private Decision decide(ChatRequest request, Confinement confinement, QualityEstimator quality) {
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
        List<String> withheld = new ArrayList<>();
        if (confinement.localOnly()) {
            List<Route> local = new ArrayList<>();
            for (Route route : chatRoutes) {
                if (route.backend().locality() == Locality.LOCAL) {
                    local.add(route);
                } else {
                    withheld.add(route.ref());
                }
            }
            if (local.isEmpty()) {
                return refused(requested, basis, candidates, withheld, new GatewayError(ErrorKind.PERMISSION,
                        "This request contains " + confinement.because() + " data, which privacy policy keeps on"
                                + " local backends, and '" + requested + "' has no local candidate (withheld: "
                                + String.join(", ", withheld) + "). Name a local model or an alias with a local"
                                + " candidate.",
                        "privacy_local_only", "model", null));
            }
            chatRoutes = local;
        }
        Eligibility.Result eligible = Eligibility.filter(chatRoutes, request, () -> tokens.countPrompt(request));
        List<String> dropped = new ArrayList<>(eligible.dropped());
        withheld.forEach(ref -> dropped.add(ref + " withheld: local-only (" + confinement.because() + ")"));
        if (eligible.eligible().isEmpty()) {
            return refused(requested, basis, candidates, dropped, new GatewayError(ErrorKind.INVALID_REQUEST,
                    "No candidate for '" + requested + "' can serve this request: "
                            + String.join("; ", eligible.dropped()) + ".",
                    "no_eligible_backend", "model", null));
        }
        String reason = eligible.dropped().isEmpty() ? plan.reason()
                : plan.reason() + "; skipped: " + String.join(", ", eligible.dropped());
        if (confinement.localOnly()) {
            reason += "; local-only (" + confinement.because() + ")"
                    + (withheld.isEmpty() ? "" : ", withheld: " + String.join(", ", withheld));
        }
        List<Route> ordered;
        String ranking = "";
        if (plan.alias() == null) {
            ordered = balancer.order(eligible.eligible());
        } else {
            Ranking.Ranked ranked = Ranking.rank(eligible.eligible(), plan.alias(), request, quality);
            ordered = ranked.routes();
            ranking = ranked.explanation();
            reason += "; " + ranking;
        }
        RoutePlan finalPlan = confinement.localOnly() ? plan.confinedToLocal(ordered, reason)
                : plan.withRoutes(ordered, reason);
        return new Decision(requested, basis, candidates, dropped, ranking, finalPlan, null);
    }

    private static Decision refused(String requested, String basis, List<String> candidates, List<String> dropped,
            GatewayError refusal) {
        return new Decision(requested, basis, candidates, dropped, "", null, refusal);
    }
}
