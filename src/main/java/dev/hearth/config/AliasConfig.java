package dev.hearth.config;

import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.routing.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alias: its ordered candidates ("backend/model" or a model name) and how to choose among them.
 *
 * @param quality    the knob for {@link Strategy#QUALITY} and {@link Strategy#LOCAL_FIRST}: 0 = always the cheapest,
 *                   1 = always the strongest
 * @param hedgeAfter start the next candidate too when the first shows no content this long; null = no hedging
 * @param continuation a stream that breaks after text reached the client goes on on the next candidate
 * @param privacy    per data class, the action this alias uses instead of the global {@code privacy.policy}; empty =
 *                   the global policy as it is
 */
public record AliasConfig(List<String> candidates, Strategy strategy, double quality, Duration hedgeAfter,
        boolean continuation, Map<DataClass, PrivacyAction> privacy) {
    public AliasConfig {
        candidates = List.copyOf(candidates);
        privacy = Map.copyOf(privacy);
    }

    public AliasConfig(List<String> candidates, Strategy strategy, double quality, Duration hedgeAfter,
            Map<DataClass, PrivacyAction> privacy) {
        this(candidates, strategy, quality, hedgeAfter, false, privacy);
    }

    public AliasConfig(List<String> candidates, Strategy strategy, double quality) {
        this(candidates, strategy, quality, null, false, Map.of());
    }

    public AliasConfig(List<String> candidates, Strategy strategy, double quality, Duration hedgeAfter) {
        this(candidates, strategy, quality, hedgeAfter, false, Map.of());
    }

    public AliasConfig(List<String> candidates, Strategy strategy, double quality, Duration hedgeAfter,
            boolean continuation) {
        this(candidates, strategy, quality, hedgeAfter, continuation, Map.of());
    }

    public static AliasConfig ordered(List<String> candidates) {
        return new AliasConfig(candidates, Strategy.ORDERED, 0.5, null, false, Map.of());
    }
}
