package dev.hearth.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.config.BackendConfig;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.http.UpstreamRequests;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LM Studio's own REST API beside its OpenAI-compatible one: {@code GET /api/v0/models} at the server's root lists
 * every downloaded model with {@code "state": "loaded"} or {@code "not-loaded"}, which load-aware balancing needs (the
 * OpenAI-style {@code /v1/models} does not say). Other OpenAI-compatible servers (vLLM, llama.cpp) answer 404 there:
 * that is reported as "not LM Studio", not as a failure, so the caller can stop asking.
 */
public final class LmStudioModels {
    static final String PATH = "/api/v0/models";

    private LmStudioModels() {}

    /**
     * The ids of the models loaded now; empty when the server has no such endpoint (404 or 405). Fails for anything
     * else (connection refused, 5xx, unreadable JSON), which means "unknown right now".
     */
    public static Future<Optional<List<String>>> loaded(HttpClient client, BackendConfig backend) {
        BackendConfig root = new BackendConfig(backend.name(), backend.protocol(), restRoot(backend.baseUrl()),
                backend.apiKey(), backend.location(), backend.models(), backend.maxConcurrency());
        UpstreamRequests requests = new UpstreamRequests(root, "Authorization", "Bearer ");
        return requests.exchange(client, requests.request(HttpMethod.GET, PATH), null, OpenAiErrors::fromBody)
                .map(body -> Optional.of(loadedIds(body)))
                .recover(failure -> {
                    if (failure instanceof UpstreamException upstream
                            && (upstream.failure().status() == 404 || upstream.failure().status() == 405)) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    return Future.failedFuture(failure);
                });
    }

    /** The server root of an OpenAI-style base URL: {@code http://host:1234/v1} becomes {@code http://host:1234}. */
    static URI restRoot(URI openAiBase) {
        String url = openAiBase.toString();
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v1")) {
            url = url.substring(0, url.length() - 3);
        }
        return URI.create(url);
    }

    /** The ids in {@code data} whose {@code state} is {@code loaded}. */
    static List<String> loadedIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode model : body.path("data")) {
            if ("loaded".equals(model.path("state").asText()) && model.path("id").isTextual()) {
                ids.add(model.path("id").asText());
            }
        }
        return ids;
    }
}
