package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadedModelsPollerTest {
    @Test
    void anOllamaBackendLearnsWhichModelsAreLoaded() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeOllama ollama = new FakeOllama().models("qwen2.5-coder:7b", "llama3.2:3b").load("llama3.2:3b")) {
            Backend backend = new Backend(new BackendConfig("box", Protocol.OLLAMA, ollama.baseUrl(), null,
                    Locality.LOCAL, List.of("qwen2.5-coder:7b", "llama3.2:3b"), 0),
                    new BackendHealth("box", FailoverConfig.defaults()));
            LoadedModelsPoller poller = new LoadedModelsPoller(vertx, List.of(backend), new TokenCounter());
            poller.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (backend.mayHaveLoaded("qwen2.5-coder:7b") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(backend.mayHaveLoaded("qwen2.5-coder:7b")).isFalse();
            assertThat(backend.mayHaveLoaded("llama3.2:3b")).isTrue();
            poller.stop();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
