package dev.hearth.config;

import dev.hearth.config.ConfigNode.Field;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.custom.CustomRules;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.privacy.guard.PrivacyPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the {@code privacy} section and the per-alias {@code privacy} overrides, strictly:
 *
 * <pre>
 * privacy:
 *   enabled: true
 *   policy: {secret: mask, phi: local-only, pii: mask, financial: mask, confidential: local-only, custom: local-only}
 *   custom-rules:
 *     project: {keywords: ["Project Bluebird"], patterns: ["PRJ-[0-9]{4}"]}
 * </pre>
 *
 * A policy names data classes ({@code secret, phi, pii, financial, confidential, custom}) and actions
 * ({@code allow, mask, local-only, block}); a class left out keeps its default (globally) or the global action
 * (per alias). A custom rule the detector would refuse (bad pattern, blank keyword) stops start-up at its line.
 */
final class PrivacyMapper {
    static final List<String> KEYS = List.of("enabled", "policy", "custom-rules");
    private static final List<String> RULE_KEYS = List.of("keywords", "patterns");
    private static final Map<String, DataClass> CLASSES = new LinkedHashMap<>();
    private static final Map<String, PrivacyAction> ACTIONS = new LinkedHashMap<>();

    static {
        for (DataClass dataClass : DataClass.values()) {
            CLASSES.put(dataClass.name().toLowerCase(Locale.ROOT), dataClass);
        }
        for (PrivacyAction action : PrivacyAction.values()) {
            ACTIONS.put(action.wire(), action);
        }
    }

    private final NodeReader read;

    PrivacyMapper(NodeReader read) {
        this.read = read;
    }

    PrivacyConfig map(Section section) {
        PrivacyConfig defaults = PrivacyConfig.defaults();
        PrivacyPolicy policy = section.get("policy").map(node -> defaults.policy().with(actions(node)))
                .orElse(defaults.policy());
        List<CustomRules> rules = section.get("custom-rules").map(this::rules).orElse(List.of());
        return new PrivacyConfig(section.bool("enabled", defaults.enabled()), policy, rules);
    }

    /** A mapping of data class to action; unknown classes and actions are refused with the valid ones. */
    Map<DataClass, PrivacyAction> actions(ConfigNode node) {
        Section section = read.section(node, List.copyOf(CLASSES.keySet()));
        Map<DataClass, PrivacyAction> actions = new EnumMap<>(DataClass.class);
        CLASSES.forEach((name, dataClass) -> section.get(name)
                .ifPresent(value -> actions.put(dataClass, read.oneOf(value, ACTIONS))));
        return actions;
    }

    private List<CustomRules> rules(ConfigNode node) {
        List<CustomRules> rules = new ArrayList<>();
        for (Field field : read.mapping(node).fields().values()) {
            Section rule = read.section(field.value(), RULE_KEYS);
            List<String> keywords = rule.get("keywords").map(this::strings).orElse(List.of());
            List<String> patterns = rule.get("patterns").map(this::strings).orElse(List.of());
            try {
                rules.add(new CustomRules(field.key(), keywords, patterns));
            } catch (IllegalArgumentException refused) {
                throw field.value().origin().problem(refused.getMessage());
            }
        }
        return rules;
    }

    private List<String> strings(ConfigNode node) {
        return read.list(node).stream().map(read::string).toList();
    }
}
