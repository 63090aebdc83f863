package dev.hearth.ingress.ollama;

import dev.hearth.ingress.common.Dialect;
import dev.hearth.ingress.common.HttpClientSink;
import dev.hearth.ingress.common.IngressContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The Ollama dialect under {@code /api/}, for Ollama-only clients (Open WebUI, editor plugins): chat and generate
 * (NDJSON streams by default), embeddings, and the model listing endpoints, for every model Hearth serves, local or
 * cloud. Errors are Ollama's {@code {"error": "..."}}.
 *
 * <p>Model management ({@code /api/pull}, {@code /api/push}, {@code /api/create}, {@code /api/copy},
 * {@code /api/delete}, {@code /api/blobs/...}) answers 501 Not Implemented with an explanation, on every method: the
 * request is well formed (a 400 would tell the client to fix it), the gateway simply does not do that; models are
 * managed on the backend servers themselves.
 */
public final class OllamaApi implements Dialect {
    private static final List<String> MANAGEMENT = List.of("/api/pull", "/api/push", "/api/create", "/api/copy",
            "/api/delete");

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/api/");
    }

    @Override
    public List<String> paths() {
        return List.of("/api/chat", "/api/generate", "/api/embed", "/api/embeddings", "/api/tags", "/api/show",
                "/api/ps", "/api/version");
    }

    @Override
    public HttpClientSink.ErrorWriter errors() {
        return OllamaErrorWriter.INSTANCE;
    }

    @Override
    public void mount(Router router, IngressContext context) {
        OllamaChatHandler chat = new OllamaChatHandler(context);
        OllamaEmbedHandler embed = new OllamaEmbedHandler(context);
        OllamaModelsHandler models = new OllamaModelsHandler(context);
        router.post("/api/chat").handler(chat::chat);
        router.post("/api/generate").handler(chat::generate);
        router.post("/api/embed").handler(embed::embed);
        router.post("/api/embeddings").handler(embed::embeddings);
        router.get("/api/tags").handler(models::tags);
        router.post("/api/show").handler(models::show);
        router.get("/api/ps").handler(models::ps);
        router.get("/api/version").handler(models::version);
        MANAGEMENT.forEach(path -> router.route(path).handler(ctx -> notImplemented(ctx, context)));
        router.route("/api/blobs/*").handler(ctx -> notImplemented(ctx, context));
    }

    private static void notImplemented(RoutingContext ctx, IngressContext context) {
        context.metrics().refused("ollama", 501);
        OllamaErrorWriter.write(ctx.response(), 501, ctx.request().path() + " is not available: Hearth is a gateway"
                + " and does not manage model files. Pull, create, copy or delete models on the backend server"
                + " itself (for example `ollama pull` on the Ollama host); Hearth lists them once it serves them.");
    }
}
