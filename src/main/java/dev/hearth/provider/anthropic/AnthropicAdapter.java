package dev.hearth.provider.anthropic;

import dev.hearth.config.BackendConfig;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import dev.hearth.provider.ProviderAdapter;
import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.provider.http.RefusedCall;
import dev.hearth.provider.http.StreamingCall;
import dev.hearth.provider.http.UpstreamRequests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Anthropic's Messages API as a backend. The base URL is the API root without the version ({@code
 * https://api.anthropic.com}); this adapter adds {@code /v1/...}. The key travels in {@code x-api-key}, with the
 * {@code anthropic-version} this code was written against.
 *
 * <p>Chat always streams ({@link AnthropicRequestWriter}, {@link AnthropicStreamDecoder}); HTTP errors are read from
 * Anthropic's error shape ({@code 529 overloaded} counts as a server error). A request holding content Anthropic
 * cannot take fails with {@code BAD_REQUEST} without a network call. Anthropic has no embeddings API, so
 * {@link #embed} always fails with {@code BACKEND_REJECTED}.
 *
 * <p>Threading: as {@link ProviderAdapter}; call on a Vert.x event-loop context. Listener calls arrive on that
 * context after {@link #streamChat} has returned.
 */
public final class AnthropicAdapter implements ProviderAdapter {
    /** The API version whose wire format this package speaks; Anthropic keeps old versions working. */
    static final String API_VERSION = "2023-06-01";
    /** The largest page Anthropic serves; no deployment has anywhere near this many models, so one page is all. */
    private static final int MODEL_PAGE_LIMIT = 1000;

    private final HttpClient client;
    private final BackendConfig backend;
    private final UpstreamRequests requests;

    public AnthropicAdapter(HttpClient client, BackendConfig backend) {
        this.client = client;
        this.backend = backend;
        this.requests = new UpstreamRequests(backend, "x-api-key", "");
    }

    @Override
    public UpstreamCall streamChat(ChatRequest request, String upstreamModel, UpstreamListener listener) {
        Buffer body;
        try {
            body = AnthropicRequestWriter.write(request, upstreamModel);
        } catch (UpstreamException refused) {
            return RefusedCall.report(refused.failure(), listener);
        }
        RequestOptions options = requests.post("/v1/messages")
                .putHeader("anthropic-version", API_VERSION)
                .putHeader("Accept", "text/event-stream");
        return StreamingCall.start(client, options, body, listener, AnthropicStreamDecoder::new,
                (resp, bytes) -> AnthropicErrors.fromBody(resp.statusCode(), bytes, resp.getHeader("Retry-After"),
                        null));
    }

    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, String upstreamModel) {
        return CompletableFuture.failedStage(new UpstreamException(
                UpstreamFailure.of(UpstreamFailure.Kind.BACKEND_REJECTED, "Anthropic has no embeddings API")));
    }

    @Override
    public CompletionStage<List<String>> listModels() {
        RequestOptions options = requests.request(HttpMethod.GET, "/v1/models?limit=" + MODEL_PAGE_LIMIT)
                .putHeader("anthropic-version", API_VERSION);
        return requests.exchange(client, options, null, AnthropicErrors::fromBody)
                .map(root -> Json.texts(root.path("data"), "id"))
                .toCompletionStage();
    }

    @Override
    public String toString() {
        return "AnthropicAdapter[" + backend.name() + "]";
    }
}
