package dev.hearth.config;

import dev.hearth.routing.Strategy;
import java.time.Duration;
import java.util.List;

/**
 * One alias: its ordered candidates ("backend/model" or a model name) and how to choose among them.
 *
 * @param quality    the knob for {@link Strategy#QUALITY} and {@link Strategy#LOCAL_FIRST}: 0 = always the cheapest,
 *                   1 = always the strongest
 * @param hedgeAfter start the next candidate too when the first shows no content this long; null = no hedging
 * @param continuation a stream that breaks after text reached the client goes on on the next candidate
 */
public record AliasConfig(List<String> candidates, Strategy strategy, double quality, Duration hedgeAfter,
        boolean continuation) {
    public AliasConfig {
        candidates = List.copyOf(candidates);
    }

    public AliasConfig(List<String> candidates, Strategy strategy, double quality) {
        this(candidates, strategy, quality, null, false);
    }

    public AliasConfig(List<String> candidates, Strategy strategy, double quality, Duration hedgeAfter) {
        this(candidates, strategy, quality, hedgeAfter, false);
    }

    public static AliasConfig ordered(List<String> candidates) {
        return new AliasConfig(candidates, Strategy.ORDERED, 0.5, null, false);
    }
}
