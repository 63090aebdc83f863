package dev.hearth.privacy.guard;

import java.util.Locale;

/**
 * What the privacy guard does with a request that carries a data class, from the most lenient to the strictest. When a
 * request carries several classes the strictest of their actions wins ({@link #strictest}): {@code block} over
 * {@code local-only} over {@code mask} over {@code allow}.
 */
public enum PrivacyAction {
    /** Sent as it is, to any backend. */
    ALLOW,
    /** Local backends get the original; each cloud attempt gets placeholders, and the answer is restored. */
    MASK,
    /** Only local backends may see the request; with none, it is refused. Never falls back to a cloud backend. */
    LOCAL_ONLY,
    /** Refused before routing, naming the data class. */
    BLOCK;

    /** The configuration and header spelling: {@code allow}, {@code mask}, {@code local-only}, {@code block}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean stricterThan(PrivacyAction other) {
        return compareTo(other) > 0;
    }

    public static PrivacyAction strictest(PrivacyAction a, PrivacyAction b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
