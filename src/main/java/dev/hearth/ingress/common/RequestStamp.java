package dev.hearth.ingress.common;

import dev.hearth.pipeline.Inbound;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-request facts the server stamps before any dialect runs: the request id and when the request arrived, then,
 * once the request is authenticated, its {@link Inbound} (principal, audit record, event loop).
 */
public final class RequestStamp {
    private static final String REQUEST_ID = "hearth.request-id";
    private static final String RECEIVED = "hearth.received";
    private static final String INBOUND = "hearth.inbound";

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

    public static void admit(RoutingContext ctx, Inbound inbound) {
        ctx.put(INBOUND, inbound);
    }

    /** The authenticated request; every dialect path has one (the server's gate refuses a request otherwise). */
    public static Inbound inbound(RoutingContext ctx) {
        Inbound inbound = ctx.get(INBOUND);
        if (inbound == null) {
            throw new IllegalStateException("request " + id(ctx) + " reached a dialect without passing the gate");
        }
        return inbound;
    }
}
