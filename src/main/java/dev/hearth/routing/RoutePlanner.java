package dev.hearth.routing;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
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

    public RoutePlanner(ModelDirectory directory, TokenCounter tokens, QualityEstimator quality) {
        this.directory = directory;
        this.tokens = tokens;
        this.quality = quality;
    }

    public RoutePlan plan(ChatRequest request) {
        return plan(request, Confinement.NONE);
    }

    public RoutePlan plan(ChatRequest request, Confinement confinement) {
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
                throw new GatewayException(new GatewayError(ErrorKind.PERMISSION,
                        "This request contains " + confinement.because() + " data, which privacy policy keeps on"
                                + " local backends, and '" + request.model() + "' has no local candidate (withheld: "
                                + String.join(", ", withheld) + "). Name a local model or an alias with a local"
                                + " candidate.",
                        "privacy_local_only", "model", null));
            }
            chatRoutes = local;
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
        if (confinement.localOnly()) {
            reason += "; local-only (" + confinement.because() + ")"
                    + (withheld.isEmpty() ? "" : ", withheld: " + String.join(", ", withheld));
        }
        List<Route> ordered;
        if (plan.alias() == null) {
            ordered = balancer.order(eligible.eligible());
        } else {
            Ranking.Ranked ranked = Ranking.rank(eligible.eligible(), plan.alias(), request, quality);
            ordered = ranked.routes();
            reason += "; " + ranked.explanation();
        }
        return confinement.localOnly() ? plan.confinedToLocal(ordered, reason) : plan.withRoutes(ordered, reason);
    }
}
