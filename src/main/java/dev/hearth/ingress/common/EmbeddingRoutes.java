package dev.hearth.ingress.common;

import dev.hearth.auth.Principal;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import dev.hearth.provider.UpstreamException;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs an embedding request on a route plan, every dialect's embeddings endpoint alike: the privacy guard decides
 * which routes may see the input ({@code EmbeddingGuard}), then those routes are tried in order until one answers. There is no retry round and no backoff (embeddings are cheap to ask elsewhere and clients
 * retry them themselves).
 *
 * <p>Failure: when every route failed, the future fails with a {@link GatewayException} (502, "upstream_error")
 * naming the last route's reason. When {@code clientGone} turns true between attempts the remaining routes are not
 * tried and the future never completes (nobody is left to answer).
 *
 * <p>Threading: call on the request's event loop; the future completes on that same loop.
 */
public final class EmbeddingRoutes {
    private final IngressContext context;

    /** The route that answered and its vectors. */
    public record Embedded(Route route, EmbeddingResponse response) {}

    public EmbeddingRoutes(IngressContext context) {
        this.context = context;
    }

    /**
     * Runs the privacy stage (which may keep the request on local routes, or refuse it), writes its headers on
     * {@code response}, then tries the routes that remain.
     */
    public Future<Embedded> embed(Principal principal, EmbeddingRequest request, RoutePlan plan,
            HttpServerResponse response) {
        Promise<Embedded> result = Promise.promise();
        Context loop = Vertx.currentContext();
        context.pipeline().embeddings().guard(principal, request, plan, (guarded, refused) -> {
            if (refused != null) {
                result.fail(refused);
                return;
            }
            if (!response.headWritten()) {
                HearthHeaders.privacy(response, guarded.dataClasses(), guarded.action());
            }
            attempt(request, guarded.plan().routes(), 0, null, response::closed, loop, result);
        });
        return result.future();
    }

    private void attempt(EmbeddingRequest request, List<Route> routes, int index, String lastError,
            BooleanSupplier clientGone, Context loop, Promise<Embedded> result) {
        if (index >= routes.size()) {
            result.fail(new GatewayException(new GatewayError(ErrorKind.UPSTREAM_ERROR,
                    "No backend could embed the input: " + lastError, "upstream_error", null, null)));
            return;
        }
        Route route = routes.get(index);
        context.adapters().apply(route.backend()).embed(request, route.model()).whenComplete((answer, error) ->
                loop.runOnContext(v -> {
                    if (clientGone.getAsBoolean()) {
                        return;
                    }
                    if (error == null) {
                        result.complete(new Embedded(route, answer));
                        return;
                    }
                    Throwable cause = error.getCause() != null && !(error instanceof UpstreamException)
                            ? error.getCause() : error;
                    String why = cause instanceof UpstreamException u ? u.failure().toString() : cause.getMessage();
                    attempt(request, routes, index + 1, route.ref() + ": " + why, clientGone, loop, result);
                }));
    }
}
