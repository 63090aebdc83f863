package dev.hearth.config;

import dev.hearth.privacy.custom.CustomRules;
import dev.hearth.privacy.guard.PrivacyPolicy;
import java.util.List;

/**
 * The {@code privacy} section: whether the guard runs, the action per data class for every request, and the
 * organisation's own detection rules. Per-alias overrides live in {@link AliasConfig#privacy()}.
 *
 * @param enabled     false turns inspection off entirely (answers say {@code x-hearth-privacy-action: off})
 * @param policy      the global action per data class; see {@link PrivacyPolicy#defaults()} for the defaults and why
 * @param customRules rules reported as {@code CUSTOM:<name>} (data class {@code custom})
 */
public record PrivacyConfig(boolean enabled, PrivacyPolicy policy, List<CustomRules> customRules) {
    public PrivacyConfig {
        customRules = List.copyOf(customRules);
    }

    public static PrivacyConfig defaults() {
        return new PrivacyConfig(true, PrivacyPolicy.defaults(), List.of());
    }
}
