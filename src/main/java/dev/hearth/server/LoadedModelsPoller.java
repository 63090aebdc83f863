package dev.hearth.server;

import dev.hearth.backend.Backend;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.provider.ollama.OllamaAdapter;
import dev.hearth.provider.openai.LmStudioModels;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each local backend's set of loaded models fresh, so that balancing prefers a replica that will not have to
 * load the model first: Ollama's {@code /api/ps}, and for local OpenAI-compatible servers LM Studio's
 * {@code /api/v0/models} ({@code state: loaded}). A server without that endpoint (vLLM, llama.cpp: 404) is not asked
 * again. A failed poll forgets what was known (nothing is preferred on stale facts). Runs on one event loop with its
 * own small client.
 */
final class LoadedModelsPoller {
    static final Duration EVERY = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClient client;
    private final List<Backend> polled;
    private final TokenCounter tokens;
    /** OpenAI-compatible backends that answered 404: not LM Studio, nothing to learn there. */
    private final Set<String> withoutLoadedState = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    LoadedModelsPoller(Vertx vertx, List<Backend> backends, TokenCounter tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.polled = backends.stream()
                .filter(b -> b.locality() == Locality.LOCAL)
                .filter(b -> b.protocol() == Protocol.OLLAMA || b.protocol() == Protocol.OPENAI)
                .toList();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(1000).setKeepAlive(true));
    }

    void start() {
        if (polled.isEmpty()) {
            return;
        }
        vertx.getOrCreateContext().runOnContext(v -> {
            poll();
            timer = vertx.setPeriodic(EVERY.toMillis(), id -> poll());
        });
    }

    private void poll() {
        for (Backend backend : polled) {
            if (backend.protocol() == Protocol.OLLAMA) {
                new OllamaAdapter(client, backend.config(), tokens).loadedModels().whenComplete((names, err) ->
                        backend.loaded(err == null ? new HashSet<>(names) : null));
            } else if (!withoutLoadedState.contains(backend.name())) {
                LmStudioModels.loaded(client, backend.config()).onComplete(done -> {
                    if (done.failed()) {
                        backend.loaded(null);
                    } else if (done.result().isEmpty()) {
                        withoutLoadedState.add(backend.name());
                    } else {
                        backend.loaded(new HashSet<>(done.result().get()));
                    }
                });
            }
        }
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        client.close();
    }
}
