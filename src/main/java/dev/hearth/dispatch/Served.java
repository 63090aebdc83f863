package dev.hearth.dispatch;

import dev.hearth.routing.Route;

/**
 * The attempt that answers the client: where it ran, which attempt it was, and why it ran there.
 *
 * @param overheadNanos gateway time spent before the winning upstream call was sent, not counting earlier
 *                      failed attempts and backoff
 * @param reference     the priciest priced candidate of the plan: what the request would have cost on the strongest
 *                      option, for "saved versus all-cloud" accounting; null when no candidate has a price
 */
public record Served(String requestId, Route route, int attempt, String reason, long overheadNanos, Route reference) {}
