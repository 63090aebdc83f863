package dev.hearth.provider.openai;

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
import dev.hearth.provider.http.StreamingCall;
import dev.hearth.provider.http.UpstreamRequests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The OpenAI-compatible protocol: OpenAI itself and every server that copies its API (vLLM, LM Studio, llama.cpp
 * server, Groq, Cerebras, SambaNova, Mistral, Together, OpenRouter). The base URL includes the version prefix
 * ({@code .../v1}).
 */
public final class OpenAiAdapter implements ProviderAdapter {
    private final HttpClient client;
    private final BackendConfig backend;
    private final UpstreamRequests requests;

    public OpenAiAdapter(HttpClient client, BackendConfig backend) {
        this.client = client;
        this.backend = backend;
        this.requests = new UpstreamRequests(backend, "Authorization", "Bearer ");
    }

    @Override
    public UpstreamCall streamChat(ChatRequest request, String upstreamModel, UpstreamListener listener) {
        RequestOptions options = requests.post("/chat/completions").putHeader("Accept", "text/event-stream");
        return StreamingCall.start(client, options, OpenAiRequestWriter.write(request, upstreamModel), listener,
                OpenAiChunkDecoder::new, (resp, body) -> OpenAiErrors.fromBody(resp.statusCode(), body,
                        resp.getHeader("Retry-After"), resp.getHeader("retry-after-ms")));
    }

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
            gen.writeEndObject();
        });
        return requests.exchange(client, requests.post("/embeddings"), body, OpenAiErrors::fromBody)
                .map(root -> parseEmbeddings(root, upstreamModel))
                .toCompletionStage();
    }

    private static EmbeddingResponse parseEmbeddings(JsonNode root, String model) {
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode item : root.path("data")) {
            JsonNode values = item.path("embedding");
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) values.get(i).asDouble();
            }
            vectors.add(vector);
        }
        if (vectors.isEmpty()) {
            throw new UpstreamException(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL, "no embeddings in answer"));
        }
        return new EmbeddingResponse(model, vectors, root.path("usage").path("prompt_tokens").asInt());
    }

    @Override
    public CompletionStage<List<String>> listModels() {
        RequestOptions options = requests.request(HttpMethod.GET, "/models");
        return requests.exchange(client, options, null, OpenAiErrors::fromBody)
                .map(root -> Json.texts(root.path("data"), "id"))
                .toCompletionStage();
    }

    @Override
    public String toString() {
        return "OpenAiAdapter[" + backend.name() + "]";
    }
}
