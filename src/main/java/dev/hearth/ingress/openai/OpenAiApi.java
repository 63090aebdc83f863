package dev.hearth.ingress.openai;

import dev.hearth.ingress.common.Dialect;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.common.IngressContext;
import dev.hearth.ingress.common.RequestStamp;
import io.vertx.ext.web.Router;
import java.util.List;

/** The OpenAI dialect: Chat Completions, legacy Completions, Embeddings and Models under /v1. */
public final class OpenAiApi implements Dialect {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/v1/");
    }

    @Override
    public List<String> paths() {
        return List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models");
    }

    @Override
    public HttpClientSink.ErrorWriter errors() {
        return OpenAiErrorWriter.INSTANCE;
    }

    @Override
    public void mount(Router router, IngressContext context) {
        ChatCompletionsHandler chat = new ChatCompletionsHandler(context);
        EmbeddingsHandler embeddings = new EmbeddingsHandler(context);
        ModelsHandler models = new ModelsHandler(context.directory());
        router.post("/v1/chat/completions")
                .handler(ctx -> chat.handle(ctx, RequestStamp.id(ctx)));
        router.post("/v1/completions")
                .handler(ctx -> chat.handleLegacy(ctx, RequestStamp.id(ctx)));
        router.post("/v1/embeddings").handler(ctx -> embeddings.handle(ctx, RequestStamp.id(ctx)));
        router.get("/v1/models").handler(models::list);
        router.getWithRegex("/v1/models/(?<id>.+)").handler(models::one);
    }
}
