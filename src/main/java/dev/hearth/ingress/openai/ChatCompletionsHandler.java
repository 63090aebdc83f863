package dev.hearth.ingress.openai;

import dev.hearth.error.GatewayException;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.JsonBodies;
import dev.hearth.model.ChatRequest;
import io.vertx.ext.web.RoutingContext;

/** POST /v1/chat/completions. */
final class ChatCompletionsHandler {
    private final IngressContext context;

    ChatCompletionsHandler(IngressContext context) {
        this.context = context;
    }

    void handle(RoutingContext ctx, String requestId, long receivedNanos) {
        ChatRequest request;
        try {
            request = ChatCompletionsDecoder.decode(JsonBodies.parse(ctx.body().buffer()));
        } catch (GatewayException invalid) {
            context.metrics().refused("openai", invalid.error().httpStatus());
            OpenAiErrorWriter.INSTANCE.write(ctx.response(), invalid.error());
            return;
        }
        var sink = new ChatCompletionsSink(ctx.response(), requestId, request.stream(), request.includeUsage());
        context.pipeline().handle(requestId, request, sink, context.dispatcher(), receivedNanos);
    }
}
