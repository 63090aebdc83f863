package dev.hearth.pipeline;

import dev.hearth.auth.EgressClasses;
import dev.hearth.auth.Principal;
import dev.hearth.model.ChatRequest;
import dev.hearth.privacy.guard.PrivacyGuard;
import dev.hearth.privacy.guard.PrivacyVerdict;
import dev.hearth.routing.Decision;
import dev.hearth.routing.RoutePlanner;

/**
 * The decision {@link ChatPipeline} would make for a request, without sending it anywhere: the privacy verdict
 * (which can confine or block it) and then the route stage's full {@link Decision}. Nothing is counted in metrics and
 * nothing reaches an upstream. Inspection is CPU work proportional to the request's text: call it off the event loop.
 * Thread-safe.
 */
public final class RouteExplainer {
    /** The privacy verdict and, unless privacy blocked the request, the routing decision (null when blocked). */
    public record Explanation(PrivacyVerdict privacy, Decision decision) {}

    private final PrivacyGuard guard;
    private final RoutePlanner planner;

    public RouteExplainer(PrivacyGuard guard, RoutePlanner planner) {
        this.guard = guard;
        this.planner = planner;
    }

    /** As for {@code caller}: its key's egress list tightens the policy just as it would for a served request. */
    public Explanation explain(Principal caller, ChatRequest request) {
        PrivacyVerdict verdict = guard.explain(request, guard.inspect(request), EgressClasses.floor(caller.egress()));
        if (verdict.blocked()) {
            return new Explanation(verdict, null);
        }
        return new Explanation(verdict, planner.decide(request, verdict.confinement()));
    }
}
