package dev.hearth.server;

import dev.hearth.backend.Backend;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.provider.ollama.OllamaAdapter;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Keeps each local Ollama backend's set of loaded models fresh (its {@code /api/ps}), so that balancing prefers a
 * replica that will not have to load the model first. A failed poll forgets what was known (nothing is preferred on
 * stale facts). Runs on one event loop with its own small client.
 */
final class LoadedModelsPoller {
    static final Duration EVERY = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClient client;
    private final List<Backend> ollamas;
    private final TokenCounter tokens;
    private long timer = -1;

    LoadedModelsPoller(Vertx vertx, List<Backend> backends, TokenCounter tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.ollamas = backends.stream()
                .filter(b -> b.protocol() == Protocol.OLLAMA && b.locality() == Locality.LOCAL)
                .toList();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(1000).setKeepAlive(true));
    }

    void start() {
        if (ollamas.isEmpty()) {
            return;
        }
        vertx.getOrCreateContext().runOnContext(v -> {
            poll();
            timer = vertx.setPeriodic(EVERY.toMillis(), id -> poll());
        });
    }

    private void poll() {
        for (Backend backend : ollamas) {
            new OllamaAdapter(client, backend.config(), tokens).loadedModels().whenComplete((names, err) -> {
                if (err == null) {
                    backend.loaded(new HashSet<>(names));
                } else {
                    backend.loaded(null);
                }
            });
        }
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        client.close();
    }
}
