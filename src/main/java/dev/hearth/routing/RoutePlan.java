package dev.hearth.routing;

import dev.hearth.config.AliasConfig;
import java.util.List;

/**
 * The ordered routes dispatch may try for one request, and why this plan was made (it travels to the
 * {@code x-hearth-route-reason} header, metrics and the audit record).
 *
 * @param alias     the alias the client named, or null for a concrete model
 * @param localOnly the request's data may only go to local backends: dispatch never launches an attempt on a cloud
 *                  route of this plan, whatever failover, retries or hedging would do
 */
public record RoutePlan(String requested, List<Route> routes, String reason, AliasConfig alias, boolean localOnly) {
    public RoutePlan {
        routes = List.copyOf(routes);
    }

    public RoutePlan(String requested, List<Route> routes, String reason, AliasConfig alias) {
        this(requested, routes, reason, alias, false);
    }

    public RoutePlan withRoutes(List<Route> newRoutes, String newReason) {
        return new RoutePlan(requested, newRoutes, newReason, alias, localOnly);
    }

    /** This plan confined to local backends (the flag only; the caller keeps the routes it passes local). */
    public RoutePlan confinedToLocal(List<Route> localRoutes, String newReason) {
        return new RoutePlan(requested, localRoutes, newReason, alias, true);
    }
}
