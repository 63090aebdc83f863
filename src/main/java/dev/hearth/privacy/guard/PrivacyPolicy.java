package dev.hearth.privacy.guard;

import dev.hearth.privacy.DataClass;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link PrivacyAction} per {@link DataClass}, complete (every class has an action). Immutable and thread-safe.
 *
 * <p>The defaults, and why:
 * <ul>
 *   <li>{@code secret: mask} &mdash; the detectors for credentials are near-exact, and a model almost never needs the
 *       key itself to help ("why does this config fail?" works with a placeholder), so coding agents keep working
 *       with cloud models while the value never leaves.</li>
 *   <li>{@code phi: local-only} &mdash; health data is regulated, its context types (medications, diagnoses) are found
 *       with a recall near 0.87, so masking would let the rest leak; and a placeholder destroys the clinical meaning
 *       the task needs.</li>
 *   <li>{@code pii: mask} &mdash; names and contact details are in most everyday prompts (drafting a mail); keeping
 *       them all local would send most traffic local or refuse it, while placeholders keep the task intact.</li>
 *   <li>{@code financial: mask} &mdash; card numbers and IBANs are found by checksum and a model never needs the
 *       digits.</li>
 *   <li>{@code confidential: local-only} &mdash; a marker says the whole document is confidential, not a span of it:
 *       masking the marker would hide the label and send the content.</li>
 *   <li>{@code custom: local-only} &mdash; an organisation's own rules name its projects and codes; a match signals
 *       that the text around it is internal too.</li>
 * </ul>
 */
public record PrivacyPolicy(Map<DataClass, PrivacyAction> actions) {

    private static final PrivacyPolicy DEFAULTS = new PrivacyPolicy(Map.of(
            DataClass.SECRET, PrivacyAction.MASK,
            DataClass.PHI, PrivacyAction.LOCAL_ONLY,
            DataClass.PII, PrivacyAction.MASK,
            DataClass.FINANCIAL, PrivacyAction.MASK,
            DataClass.CONFIDENTIAL, PrivacyAction.LOCAL_ONLY,
            DataClass.CUSTOM, PrivacyAction.LOCAL_ONLY));

    /** @throws IllegalArgumentException when a data class has no action */
    public PrivacyPolicy {
        EnumMap<DataClass, PrivacyAction> copy = new EnumMap<>(DataClass.class);
        actions.forEach((dataClass, action) -> copy.put(dataClass, Objects.requireNonNull(action, "action")));
        for (DataClass dataClass : DataClass.values()) {
            if (!copy.containsKey(dataClass)) {
                throw new IllegalArgumentException("no privacy action for " + dataClass);
            }
        }
        actions = java.util.Collections.unmodifiableMap(copy);
    }

    public static PrivacyPolicy defaults() {
        return DEFAULTS;
    }

    /** This policy with some classes' actions replaced (an alias's or a configuration's overrides). */
    public PrivacyPolicy with(Map<DataClass, PrivacyAction> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        EnumMap<DataClass, PrivacyAction> merged = new EnumMap<>(actions);
        merged.putAll(overrides);
        return new PrivacyPolicy(merged);
    }

    /** This policy tightened by {@code floor}: per class, the stricter of the two actions (never more lenient). */
    public PrivacyPolicy atLeast(Map<DataClass, PrivacyAction> floor) {
        if (floor.isEmpty()) {
            return this;
        }
        EnumMap<DataClass, PrivacyAction> merged = new EnumMap<>(actions);
        floor.forEach((dataClass, action) -> merged.merge(dataClass, action, PrivacyAction::strictest));
        return new PrivacyPolicy(merged);
    }

    public PrivacyAction action(DataClass dataClass) {
        return actions.get(dataClass);
    }
}
