package dev.hearth.routing;

import dev.hearth.config.AliasConfig;
import java.util.List;

/**
 * The ordered routes dispatch may try for one request, and why this plan was made (it travels to the
 * {@code x-hearth-route-reason} header, metrics and the audit record).
 *
 * @param alias the alias the client named, or null for a concrete model
 */
public record RoutePlan(String requested, List<Route> routes, String reason, AliasConfig alias) {
    public RoutePlan {
        routes = List.copyOf(routes);
    }

    public RoutePlan withRoutes(List<Route> newRoutes, String newReason) {
        return new RoutePlan(requested, newRoutes, newReason, alias);
    }
}
