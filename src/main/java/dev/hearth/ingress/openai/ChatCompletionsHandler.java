package dev.hearth.ingress.openai;

import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.ingress.common.RequestStamp;
import dev.hearth.model.ChatRequest;
import io.vertx.ext.web.RoutingContext;

/** POST /v1/chat/completions and the legacy POST /v1/completions (served through the chat path). */
final class ChatCompletionsHandler {
    private final IngressContext context;

    ChatCompletionsHandler(IngressContext context) {
        this.context = context;
    }

    void handle(RoutingContext ctx, String requestId) {
        ChatRequest request;
        try {
            request = ChatCompletionsDecoder.decode(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            context.metrics().refused("openai", invalid.error().httpStatus());
            OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
            return;
        }
        var sink = new ChatCompletionsSink(ctx.response(), requestId, request.stream(), request.includeUsage());
        context.pipeline().handle(RequestStamp.inbound(ctx), request, sink, context.dispatcher());
    }

    void handleLegacy(RoutingContext ctx, String requestId) {
        ChatRequest request;
        try {
            request = CompletionsDecoder.decode(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            context.metrics().refused("openai", invalid.error().httpStatus());
            OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
            return;
        }
        var sink = new CompletionsSink(ctx.response(), requestId, request.stream(), request.includeUsage());
        context.pipeline().handle(RequestStamp.inbound(ctx), request, sink, context.dispatcher());
    }
}
