package dev.hearth.ingress.openai;

import dev.hearth.ingress.common.IngressContext;
import io.vertx.ext.web.Router;

/** The OpenAI dialect's routes under /v1. */
public final class OpenAiApi {
    private OpenAiApi() {}

    /**
     * @param ids gives each request its id and receive time (set by the server's first handler)
     */
    public static void mount(Router router, IngressContext context, RequestInfo ids) {
        ChatCompletionsHandler chat = new ChatCompletionsHandler(context);
        EmbeddingsHandler embeddings = new EmbeddingsHandler(context);
        ModelsHandler models = new ModelsHandler(context.directory());
        router.post("/v1/chat/completions").handler(ctx -> chat.handle(ctx, ids.id(ctx), ids.receivedNanos(ctx)));
        router.post("/v1/completions").handler(ctx -> chat.handleLegacy(ctx, ids.id(ctx), ids.receivedNanos(ctx)));
        router.post("/v1/embeddings").handler(ctx -> embeddings.handle(ctx, ids.id(ctx)));
        router.get("/v1/models").handler(models::list);
        router.getWithRegex("/v1/models/(?<id>.+)").handler(models::one);
    }

    /** Reads the per-request id and receive time the server stored on the routing context. */
    public interface RequestInfo {
        String id(io.vertx.ext.web.RoutingContext ctx);

        long receivedNanos(io.vertx.ext.web.RoutingContext ctx);
    }
}
