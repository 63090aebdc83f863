package dev.hearth.routing;

import java.util.Objects;

/**
 * Where a request's data may go, as the privacy guard decided before routing: anywhere, or only to local backends
 * (with the data classes that demand it, for the refusal message and the route reason). Immutable.
 *
 * @param because the data classes behind a local-only confinement ("phi"); null when unconfined
 */
public record Confinement(boolean localOnly, String because) {
    public static final Confinement NONE = new Confinement(false, null);

    public static Confinement localOnly(String because) {
        return new Confinement(true, Objects.requireNonNull(because, "because"));
    }
}
