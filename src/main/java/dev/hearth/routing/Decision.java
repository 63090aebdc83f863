package dev.hearth.routing;

import dev.hearth.error.GatewayError;
import java.util.List;

/**
 * A routing decision in full, for {@code bin/hearth route explain} and the logs: what was asked, which candidates
 * were considered, why each dropped one was dropped, how the rest were ranked, and the order dispatch will try.
 * Exactly one of {@code plan} and {@code refusal} is set.
 *
 * @param basis   "alias NAME (strategy)" or "model"
 * @param ranking the strategy's explanation (costs, latencies, quality score), or "" for a concrete model
 */
public record Decision(String requested, String basis, List<String> candidates, List<String> dropped, String ranking,
        RoutePlan plan, GatewayError refusal) {

    public Decision {
        candidates = List.copyOf(candidates);
        dropped = List.copyOf(dropped);
    }

    /** The order dispatch will try, as "backend/model" references. */
    public List<String> order() {
        return plan == null ? List.of() : plan.routes().stream().map(Route::ref).toList();
    }

    /** "model" for a concrete model, else the alias's strategy ("local-first", "cost", ...): a low-cardinality tag. */
    public String strategy() {
        if (plan == null || plan.alias() == null) {
            int comma = basis.indexOf(", ");
            return comma < 0 ? basis : basis.substring(comma + 2);
        }
        return plan.alias().strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Where the first attempt goes ("local" or "cloud"), or "none" for a refusal. */
    public String location() {
        return plan == null || plan.routes().isEmpty() ? "none"
                : plan.routes().getFirst().backend().locality().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "routed", or the refusal's stable code ("no_eligible_backend", "privacy_local_only", ...). */
    public String outcome() {
        if (refusal == null) {
            return "routed";
        }
        return refusal.code() != null ? refusal.code() : refusal.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A short multi-line rendering for people. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("requested:  ").append(requested).append(" (").append(basis).append(")\n");
        out.append("candidates: ").append(candidates.isEmpty() ? "none" : String.join(", ", candidates)).append('\n');
        dropped.forEach(d -> out.append("dropped:    ").append(d).append('\n'));
        if (!ranking.isEmpty()) {
            out.append("ranking:    ").append(ranking).append('\n');
        }
        if (refusal != null) {
            out.append("refused:    ").append(refusal.httpStatus()).append(' ').append(refusal.message()).append('\n');
        } else {
            out.append("order:      ").append(String.join(" -> ", order())).append('\n');
        }
        return out.toString();
    }
}
