package dev.hearth.server;

import dev.hearth.backend.Backend;
import dev.hearth.config.BackendConfig;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what is there at start: local inference servers answering on their usual ports, and the models each backend
 * serves. Probes are short and run in parallel, so a machine with nothing installed starts as fast as one with
 * everything.
 */
final class Discovery {
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);

    private final Vertx vertx;
    private final io.vertx.core.Context loop;
    private final HttpClient probeClient;
    private final TokenCounter tokens;

    Discovery(Vertx vertx, TokenCounter tokens) {
        this.vertx = vertx;
        this.loop = vertx.getOrCreateContext();
        this.tokens = tokens;
        this.probeClient = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) PROBE_TIMEOUT.toMillis())
                .setKeepAlive(false));
    }

    /** Candidates that answered their model list, with the models they named. */
    Future<List<BackendConfig>> probeLocal(List<BackendConfig> candidates) {
        List<Future<BackendConfig>> probes = new ArrayList<>();
        for (BackendConfig candidate : candidates) {
            Promise<BackendConfig> found = Promise.promise();
            listModels(candidate).onComplete(ar -> found.complete(ar.succeeded()
                    ? new BackendConfig(candidate.name(), candidate.protocol(), candidate.baseUrl(), candidate.apiKey(),
                            candidate.location(), ar.result(), candidate.maxConcurrency())
                    : null));
            probes.add(found.future());
        }
        return Future.all(probes).map(all -> {
            List<BackendConfig> answered = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                BackendConfig config = all.resultAt(i);
                if (config != null) {
                    answered.add(config);
                }
            }
            return answered;
        });
    }

    /** Fills in the models of backends configured without a model list; failures are logged, never fatal. */
    Future<Void> discoverModels(List<Backend> backends) {
        List<Future<?>> lookups = new ArrayList<>();
        for (Backend backend : backends) {
            if (!backend.config().models().isEmpty()) {
                continue;
            }
            lookups.add(listModels(backend.config())
                    .onSuccess(backend::discovered)
                    .onFailure(err -> LOG.warn("Could not list the models of backend '{}': {}", backend.name(),
                            err.getMessage())));
        }
        return Future.join(lookups).mapEmpty();
    }

    private Future<List<String>> listModels(BackendConfig config) {
        Promise<List<String>> result = Promise.promise();
        long timer = vertx.setTimer(PROBE_TIMEOUT.toMillis() * 3,
                id -> result.tryFail("no answer within " + PROBE_TIMEOUT.toMillis() * 3 + " ms"));
        // Adapters are called on an event loop, as their contract says, even from the start-up thread.
        loop.runOnContext(v -> ProviderAdapters.create(config, probeClient, tokens, null).listModels()
                .whenComplete((models, err) -> {
                    vertx.cancelTimer(timer);
                    if (err != null) {
                        result.tryFail(err);
                    } else {
                        result.tryComplete(models);
                    }
                }));
        return result.future();
    }

    void close() {
        probeClient.close();
    }
}
