package dev.hearth.config;

import dev.hearth.config.ConfigNode.Field;
import dev.hearth.config.ConfigNode.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.routing.Strategy;

/**
 * Maps the {@code aliases} section. An alias is either a list of candidates (tried in order) or a mapping with
 * {@code candidates}, a {@code strategy} (ordered, local-first, cost, latency, quality), a {@code quality} knob
 * from 0 (always the cheapest) to 1 (always the strongest), {@code hedge-after}, and {@code privacy}: per data class
 * the action this alias uses instead of the global policy (read as {@link PrivacyMapper#actions} reads it). A candidate is
 * {@code backend/model} or a bare model name; whatever stands before the first {@code /} must name a
 * backend that can exist (declared, or discoverable with discovery on), so a model id that itself contains
 * {@code /} is written qualified: {@code openrouter/meta-llama/llama-3.3-70b-instruct}.
 */
final class AliasMapper {

    private static final List<String> KEYS = List.of("candidates", "strategy", "quality", "hedge-after",
            "continuation", "privacy");
    private static final Map<String, Strategy> STRATEGIES = Map.of("ordered", Strategy.ORDERED, "local-first",
            Strategy.LOCAL_FIRST, "cost", Strategy.COST, "latency", Strategy.LATENCY, "quality", Strategy.QUALITY);

    private final NodeReader read;

    AliasMapper(NodeReader read) {
        this.read = read;
    }

    Map<String, AliasConfig> map(ConfigNode aliases, Set<String> backendNames) {
        Map<String, AliasConfig> result = new LinkedHashMap<>();
        for (Field field : read.mapping(aliases).fields().values()) {
            if (field.key().isBlank()) {
                Origin at = new Origin(field.value().origin().file(), field.keyLine(), aliases.origin().path());
                throw at.problem("an alias name must not be empty");
            }
            result.put(field.key(), alias(field.value(), backendNames));
        }
        return result;
    }

    private AliasConfig alias(ConfigNode node, Set<String> backendNames) {
        if (node instanceof ConfigNode.Mapping) {
            Section section = read.section(node, KEYS);
            List<String> candidates = candidates(section.require("candidates"), backendNames);
            Strategy strategy = section.get("strategy").map(s -> read.oneOf(s, STRATEGIES)).orElse(Strategy.ORDERED);
            double quality = section.get("quality").map(q -> read.decimal(q, 0, 1)).orElse(0.5);
            Duration hedgeAfter = section.get("hedge-after").map(h -> read.duration(h, Duration.ofMillis(1)))
                    .orElse(null);
            boolean continuation = section.get("continuation").map(read::bool).orElse(false);
            Map<DataClass, PrivacyAction> privacy = section.get("privacy")
                    .map(p -> new PrivacyMapper(read).actions(p)).orElse(Map.of());
            return new AliasConfig(candidates, strategy, quality, hedgeAfter, continuation, privacy);
        }
        if (!(node instanceof ConfigNode.Sequence)) {
            throw read.expected(node, "a list of candidates, or a mapping with candidates and strategy");
        }
        return AliasConfig.ordered(candidates(node, backendNames));
    }

    private List<String> candidates(ConfigNode node, Set<String> backendNames) {
        List<ConfigNode> items = read.list(node);
        if (items.isEmpty()) {
            throw node.origin().problem("an alias needs at least one candidate");
        }
        List<String> candidates = new ArrayList<>();
        for (ConfigNode item : items) {
            String candidate = read.string(item);
            int slash = candidate.indexOf('/');
            if (slash == 0 || slash == candidate.length() - 1) {
                throw read.expected(item, "\"backend/model\" or a model name");
            }
            if (slash > 0 && !backendNames.contains(candidate.substring(0, slash))) {
                throw item.origin().problem(unknownBackend(item, candidate.substring(0, slash), backendNames));
            }
            int earlier = candidates.indexOf(candidate);
            if (earlier >= 0) {
                throw item.origin().problem("duplicate candidate " + NodeReader.shown(item) + " (first listed as "
                        + node.origin().element(earlier) + ")");
            }
            candidates.add(candidate);
        }
        return List.copyOf(candidates);
    }

    private static String unknownBackend(ConfigNode item, String backend, Set<String> backendNames) {
        String known = backendNames.isEmpty()
                ? "no backend is declared"
                : "backends: " + String.join(", ", backendNames);
        String hint = KeySuggestion.closest(backend, backendNames).map(near -> "; did you mean \"" + near + "\"?")
                .orElse("");
        return NodeReader.shown(item) + " names an unknown backend" + hint + " (" + known
                + "; a model id containing '/' is written backend/model-id)";
    }
}
