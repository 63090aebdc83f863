package dev.hearth.routing;

import java.util.List;

/**
 * The ordered routes dispatch may try for one request, and why this plan was made (it travels to the
 * {@code x-hearth-route-reason} header, metrics and the audit record).
 */
public record RoutePlan(String requested, List<Route> routes, String reason) {
    public RoutePlan {
        routes = List.copyOf(routes);
    }
}
