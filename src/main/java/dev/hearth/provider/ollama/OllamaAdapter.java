package dev.hearth.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Ollama's native API ({@code /api/chat}, {@code /api/embed}, {@code /api/tags}, {@code /api/ps}). The base URL is
 * the server's root, like {@code http://127.0.0.1:11434} (no {@code /v1}). Chat always streams newline-delimited
 * JSON ({@link OllamaStreamDecoder}); every chat request sets {@code num_ctx} from the prompt's size, because Ollama
 * otherwise truncates long prompts silently ({@link OllamaRequestWriter}). A key, when configured (Ollama behind an
 * authenticating proxy, or ollama.com), is sent as a bearer token.
 *
 * <p>Failures: HTTP errors ({@code {"error": "..."}}) are classified by status and message, so Ollama's "model not
 * found" (404) is {@link UpstreamFailure.Kind#BACKEND_REJECTED}; a request Ollama cannot receive (e.g. an image by
 * remote URL) fails with {@link UpstreamFailure.Kind#BAD_REQUEST} without a network call. Futures fail with
 * {@link UpstreamException}.
 *
 * <p>Threading: call from an event loop; listener calls and future completions arrive on the caller's context.
 * Nothing blocks; the instance is immutable and may be shared.
 */
public final class OllamaAdapter implements ProviderAdapter {
    private final HttpClient client;
    private final BackendConfig backend;
    private final TokenCounter tokens;
    private final UpstreamRequests requests;

    public OllamaAdapter(HttpClient client, BackendConfig backend, TokenCounter tokens) {
        this.client = client;
        this.backend = backend;
        this.tokens = tokens;
        this.requests = new UpstreamRequests(backend, "Authorization", "Bearer ");
    }

    @Override
    public UpstreamCall streamChat(ChatRequest request, String upstreamModel, UpstreamListener listener) {
        int promptTokens = tokens.countPrompt(request);
        Buffer body;
        try {
            body = OllamaRequestWriter.write(request, upstreamModel, promptTokens);
        } catch (UpstreamException refused) {
            return RefusedCall.report(refused.failure(), listener);
        }
        RequestOptions options = requests.post("/api/chat").putHeader("Accept", "application/x-ndjson");
        return StreamingCall.start(client, options, body, listener,
                decoded -> new OllamaStreamDecoder(decoded, promptTokens),
                (resp, error) -> OllamaErrors.fromBody(resp.statusCode(), error, resp.getHeader("Retry-After"), null));
    }

    /** {@code POST /api/embed}; {@code keep_alive} and {@code truncate} pass through from the request's extra. */
    @Override
    public CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, String upstreamModel) {
        Buffer body = Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model", upstreamModel);
            gen.writeArrayFieldStart("input");
            for (String input : request.input()) {
                gen.writeString(input);
            }
            gen.writeEndArray();
            if (request.dimensions() != null) {
                gen.writeNumberField("dimensions", request.dimensions());
            }
            for (String passed : List.of("keep_alive", "truncate")) {
                if (request.extra().get(passed) != null) {
                    gen.writeObjectField(passed, request.extra().get(passed));
                }
            }
            gen.writeEndObject();
        });
        return requests.exchange(client, requests.post("/api/embed"), body, OllamaErrors::fromBody)
                .map(root -> parseEmbeddings(root, upstreamModel, request.input().size()))
                .toCompletionStage();
    }

    private static EmbeddingResponse parseEmbeddings(JsonNode root, String model, int inputs) {
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode values : root.path("embeddings")) {
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) values.get(i).asDouble();
            }
            vectors.add(vector);
        }
        if (vectors.size() != inputs) {
            throw new UpstreamException(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL,
                    "expected " + inputs + " embeddings, got " + vectors.size()));
        }
        return new EmbeddingResponse(model, vectors, root.path("prompt_eval_count").asInt());
    }

    /** Models installed on the server ({@code GET /api/tags}), by their full name with tag. */
    @Override
    public CompletionStage<List<String>> listModels() {
        return modelNames("/api/tags");
    }

    /**
     * Models loaded in memory now ({@code GET /api/ps}), by their full name with tag: a request for one of them
     * starts without a load that can take seconds, which load-aware balancing prefers.
     */
    public CompletionStage<List<String>> loadedModels() {
        return modelNames("/api/ps");
    }

    private CompletionStage<List<String>> modelNames(String path) {
        RequestOptions options = requests.request(HttpMethod.GET, path);
        return requests.exchange(client, options, null, OllamaErrors::fromBody)
                .map(root -> Json.texts(root.path("models"), "name"))
                .toCompletionStage();
    }

    @Override
    public String toString() {
        return "OllamaAdapter[" + backend.name() + "]";
    }
}
