package dev.hearth.ingress.anthropic;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/messages} (through the chat pipeline) and {@code POST /v1/messages/count_tokens} (answered here).
 * Token counts are o200k_base estimates ({@link dev.hearth.tokens.TokenCounter}), counted on a worker thread because
 * a coding agent's prompt takes milliseconds to count. Runs on the request's event loop.
 */
final class MessagesHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesHandler.class);

    private final IngressContext context;

    MessagesHandler(IngressContext context) {
        this.context = context;
    }

    void messages(RoutingContext ctx) {
        MessagesDecoder.Decoded decoded;
        try {
            decoded = MessagesDecoder.decode(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            refuse(ctx, invalid.error());
            return;
        }
        ChatRequest request = decoded.request();
        String requestId = RequestStamp.id(ctx);
        // Counted while the backend works on its first token, so message_start has an estimate without waiting.
        IntSupplier estimate = request.stream() ? ready(countPrompt(ctx, request)) : () -> 0;
        var sink = new MessagesSink(ctx.response(), requestId, request.stream(), decoded.thinking(), estimate);
        // Authenticated at the door (server.AuthGate) before this handler ran; the principal travels in the inbound.
        context.pipeline().handle(RequestStamp.inbound(ctx), request, sink, context.dispatcher());
    }

    void countTokens(RoutingContext ctx) {
        ChatRequest request;
        try {
            request = MessagesDecoder.decodeForCounting(JsonBodies.parse(ctx.body().buffer())).request();
            context.directory().plan(request.model()); // the same 404 as /v1/messages for a model nothing serves
        } catch (GatewayException refused) {
            refuse(ctx, refused.error());
            return;
        }
        countPrompt(ctx, request).onComplete(counted -> {
            if (ctx.response().closed()) {
                return;
            }
            if (counted.failed()) {
                LOG.error("request {}: counting tokens failed", RequestStamp.id(ctx), counted.cause());
                refuse(ctx, GatewayError.of(ErrorKind.INTERNAL, "Internal error (request id " + RequestStamp.id(ctx)
                        + "); the gateway log has details."));
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .putHeader(AnthropicErrorWriter.REQUEST_ID, RequestStamp.id(ctx))
                    .end(Json.write(gen -> {
                        gen.writeStartObject();
                        gen.writeNumberField("input_tokens", counted.result());
                        gen.writeEndObject();
                    }));
        });
    }

    private Future<Integer> countPrompt(RoutingContext ctx, ChatRequest request) {
        return ctx.vertx().executeBlocking(() -> context.tokens().countPrompt(request), false);
    }

    private static IntSupplier ready(Future<Integer> count) {
        return () -> count.succeeded() ? count.result() : 0;
    }

    private void refuse(RoutingContext ctx, GatewayError error) {
        context.metrics().refused("anthropic", AnthropicErrors.status(error));
        AnthropicErrorWriter.INSTANCE.write(ctx.response(), error);
    }
}
