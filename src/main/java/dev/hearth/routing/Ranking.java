package dev.hearth.routing;

import dev.hearth.backend.Locality;
import dev.hearth.catalog.ModelInfo;
import dev.hearth.config.AliasConfig;
import dev.hearth.model.ChatRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The second half of a routing decision: ordering the eligible candidates by the alias's strategy. Sorting is stable,
 * so candidates the strategy cannot tell apart keep the alias's order. Never adds a candidate: whatever eligibility
 * dropped stays dropped.
 */
public final class Ranking {
    /** Output tokens assumed for cost ranking when the client set no limit. */
    private static final int TYPICAL_OUTPUT = 500;

    /** The ordered routes and a short explanation for the route-reason header. */
    public record Ranked(List<Route> routes, String explanation) {}

    private Ranking() {}

    public static Ranked rank(List<Route> eligible, AliasConfig alias, ChatRequest request, QualityEstimator quality) {
        List<Route> routes = new ArrayList<>(eligible);
        return switch (alias.strategy()) {
            case ORDERED -> new Ranked(routes, "ordered");
            case COST -> {
                int prompt = roughPromptTokens(request);
                int output = request.sampling().maxTokens() == null ? TYPICAL_OUTPUT : request.sampling().maxTokens();
                routes.sort(Comparator.comparingDouble(r -> expectedCost(r, prompt, output)));
                yield new Ranked(routes, "cost: " + routes.stream()
                        .map(r -> r.ref() + " " + usd(expectedCost(r, prompt, output)))
                        .collect(Collectors.joining(", ")));
            }
            case LATENCY -> {
                routes.sort(Comparator.comparingDouble(Ranking::expectedLatency));
                yield new Ranked(routes, "latency: " + routes.stream()
                        .map(r -> r.ref() + " " + millis(r.backend().latency().expectedMillis()))
                        .collect(Collectors.joining(", ")));
            }
            case LOCAL_FIRST -> {
                double score = quality.needsStrongModel(request);
                boolean strong = needsStrong(score, alias.quality());
                routes.sort(Comparator.comparingInt(r -> (r.backend().locality() == Locality.LOCAL) == strong ? 1 : 0));
                yield new Ranked(routes, "local-first" + scoreNote(score, alias.quality(), strong));
            }
            case QUALITY -> {
                double score = quality.needsStrongModel(request);
                if (Double.isNaN(score)) {
                    yield new Ranked(routes, "quality: no estimate, ordered");
                }
                boolean strong = needsStrong(score, alias.quality());
                Comparator<Route> byStrength = Comparator.comparingDouble(Ranking::strength);
                routes.sort(strong ? byStrength.reversed() : byStrength);
                yield new Ranked(routes, "quality" + scoreNote(score, alias.quality(), strong));
            }
        };
    }

    /** Knob k in [0, 1]: the strong side wins when the estimate exceeds 1 - k (k = 0 never, k = 1 almost always). */
    static boolean needsStrong(double score, double knob) {
        return !Double.isNaN(score) && score > 1 - knob;
    }

    private static String scoreNote(double score, double knob, boolean strong) {
        if (Double.isNaN(score)) {
            return ": no quality estimate";
        }
        return String.format(Locale.ROOT, ": needs-strong %.2f %s %.2f -> %s", score, strong ? ">" : "<=", 1 - knob,
                strong ? "stronger first" : "cheaper first");
    }

    /** Price per output token stands in for strength; unknown prices rank in the middle. */
    private static double strength(Route route) {
        Double price = route.info().outputPerMillion();
        return price == null ? 5.0 : price;
    }

    static double expectedCost(Route route, int prompt, int output) {
        ModelInfo info = route.info();
        if (info.inputPerMillion() == null || info.outputPerMillion() == null) {
            // Unknown price: free when it runs here, last otherwise (never guess that a cloud model is cheap).
            return route.backend().locality() == Locality.LOCAL ? 0 : Double.MAX_VALUE;
        }
        return (info.inputPerMillion() * prompt + info.outputPerMillion() * output) / 1_000_000.0;
    }

    private static double expectedLatency(Route route) {
        double millis = route.backend().latency().expectedMillis();
        return Double.isNaN(millis) ? 0 : millis; // untried backends get a chance
    }

    /** Four characters per token: ranking compares candidates on the same prompt, so the estimate cancels out. */
    private static int roughPromptTokens(ChatRequest request) {
        int chars = 0;
        for (var message : request.messages()) {
            chars += message.joinedText().length();
        }
        return chars / 4 + 1;
    }

    private static String usd(double value) {
        return value == Double.MAX_VALUE ? "price unknown" : String.format(Locale.ROOT, "$%.6f", value);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "untried" : String.format(Locale.ROOT, "%.0fms", value);
    }
}
