package dev.hearth.ingress.common;

import dev.hearth.auth.AuthErrors;
import dev.hearth.error.GatewayException;
import dev.hearth.pipeline.Inbound;
import io.vertx.ext.web.RoutingContext;

/**
 * The authorize check for endpoints that do not go through the chat pipeline (embeddings): the request's principal
 * may use {@code model}, else a 403 {@link GatewayException}. Also notes the model in the request's audit record.
 * Call on the request's event loop.
 */
public final class ModelAccess {
    private ModelAccess() {}

    public static void check(RoutingContext ctx, String model) {
        Inbound inbound = RequestStamp.inbound(ctx);
        inbound.audit().requested(model, null);
        if (!inbound.principal().mayUse(model)) {
            throw new GatewayException(AuthErrors.modelNotAllowed(model));
        }
    }
}
