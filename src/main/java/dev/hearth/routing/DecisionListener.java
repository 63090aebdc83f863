package dev.hearth.routing;

/**
 * Told of every decision the route stage makes for a served request (plans and refusals alike), for metrics and the
 * recent-decisions view. Not told of {@code route explain} decisions: explaining is not routing. Called on the
 * request's thread (an event loop): implementations must be cheap and must not block.
 */
@FunctionalInterface
public interface DecisionListener {
    DecisionListener NONE = decision -> {};

    void decided(Decision decision);

    /** This listener, then {@code next}. */
    default DecisionListener andThen(DecisionListener next) {
        return decision -> {
            decided(decision);
            next.decided(decision);
        };
    }
}
