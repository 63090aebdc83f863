package dev.hearth.privacy.guard;

import dev.hearth.privacy.DataClass;
import java.util.Set;

/**
 * Observes the privacy guard for metrics: what was found and decided per request, and each masked cloud attempt.
 * Receives classes, actions and counts, never values. Implementations must be cheap, thread-safe and never throw.
 */
public interface PrivacyListener {

    /** @param found the data classes found (empty when none); {@code action} is meaningless then */
    default void decided(Set<DataClass> found, PrivacyAction action) {}

    /** An attempt on {@code backend} was sent with {@code placeholders} distinct placeholders. */
    default void masked(String backend, int placeholders) {}

    PrivacyListener NONE = new PrivacyListener() {};
}
