package dev.hearth.provider.embedded;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.provider.http.RefusedCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The in-process backend: embeddings from the MiniLM model that ships in a Maven artifact. Inference is blocking, so
 * it runs on {@code workers}, never on the event loop; the result is handed back to the caller's event loop by
 * {@code callerLoop}. It serves no chat: no generative model ships in any package this gateway can depend on.
 */
public final class EmbeddedAdapter implements ProviderAdapter {
    public static final String BACKEND_NAME = "embedded";

    private final MiniLmEmbeddingEngine engine;
    private final Executor workers;

    public EmbeddedAdapter(MiniLmEmbeddingEngine engine, Executor workers) {
        this.engine = engine;
        this.workers = workers;
    }

    @Override
    public UpstreamCall streamChat(ChatRequest request, String upstreamModel, UpstreamListener listener) {
        return RefusedCall.report(UpstreamFailure.of(UpstreamFailure.Kind.BAD_REQUEST,
                "'" + upstreamModel + "' is an embedding model; it cannot chat"), listener);
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, String upstreamModel) {
        if (request.dimensions() != null && request.dimensions() != MiniLmEmbeddingEngine.DIMENSION) {
            return CompletableFuture.failedFuture(new UpstreamException(UpstreamFailure.of(
                    UpstreamFailure.Kind.BAD_REQUEST, upstreamModel + " produces "
                            + MiniLmEmbeddingEngine.DIMENSION + " dimensions only")));
        }
        return CompletableFuture.supplyAsync(() -> {
            EmbeddingResult result = engine.embed(request.input());
            return new EmbeddingResponse(MiniLmEmbeddingEngine.MODEL_NAME, result.vectors(), result.promptTokens());
        }, workers);
    }

    @Override
    public CompletionStage<List<String>> listModels() {
        return CompletableFuture.completedFuture(List.of(MiniLmEmbeddingEngine.MODEL_NAME));
    }

    public MiniLmEmbeddingEngine engine() {
        return engine;
    }
}
