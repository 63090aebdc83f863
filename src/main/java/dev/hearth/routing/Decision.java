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
