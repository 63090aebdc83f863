package dev.hearth.ingress.common;

import io.vertx.ext.web.RoutingContext;

/** Per-request facts the server stamps before any dialect runs: the request id and when the request arrived. */
public final class RequestStamp {
    private static final String REQUEST_ID = "hearth.request-id";
    private static final String RECEIVED = "hearth.received";

    private RequestStamp() {}

    public static void stamp(RoutingContext ctx, String requestId, long receivedNanos) {
        ctx.put(REQUEST_ID, requestId);
        ctx.put(RECEIVED, receivedNanos);
    }

    public static String id(RoutingContext ctx) {
        return ctx.get(REQUEST_ID);
    }

    public static long receivedNanos(RoutingContext ctx) {
        return ctx.get(RECEIVED);
    }
}
