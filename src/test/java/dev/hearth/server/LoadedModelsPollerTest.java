package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Backend;
import dev.hearth.backend.BackendHealth;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
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

    @Test
    void anLmStudioBackendLearnsWhichModelsAreLoadedFromItsRestApi() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeOpenAi lmStudio = new FakeOpenAi("qwen2.5-7b-instruct", "llama-3.2-3b-instruct")
                .lmStudio("llama-3.2-3b-instruct")) {
            Backend backend = local("lmstudio", lmStudio, "qwen2.5-7b-instruct", "llama-3.2-3b-instruct");
            LoadedModelsPoller poller = new LoadedModelsPoller(vertx, List.of(backend), new TokenCounter());
            poller.start();
            awaitTrue(() -> !backend.mayHaveLoaded("qwen2.5-7b-instruct"));
            assertThat(backend.mayHaveLoaded("qwen2.5-7b-instruct")).isFalse();
            assertThat(backend.mayHaveLoaded("llama-3.2-3b-instruct")).isTrue();
            poller.stop();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void anOpenAiCompatibleServerWithoutLoadedStateStaysUnknown() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeOpenAi vllm = new FakeOpenAi("qwen")) {
            Backend backend = local("vllm", vllm, "qwen");
            LoadedModelsPoller poller = new LoadedModelsPoller(vertx, List.of(backend), new TokenCounter());
            poller.start();
            awaitTrue(() -> vllm.statusPolls() > 0);
            Thread.sleep(200); // let the 404 be handled
            assertThat(backend.mayHaveLoaded("qwen")).isTrue();
            poller.stop();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** Two LM Studio replicas of one model: the one that has it loaded gets the requests. */
    @Test
    void balancingPrefersTheLmStudioReplicaThatHasTheModelLoaded() throws Exception {
        try (FakeOpenAi cold = new FakeOpenAi("qwen").lmStudio();
                FakeOpenAi warm = new FakeOpenAi("qwen").lmStudio("qwen");
                TestGateway gateway = TestGateway.builder()
                        .backend("cold", Protocol.OPENAI, cold, Locality.LOCAL, "qwen")
                        .backend("warm", Protocol.OPENAI, warm, Locality.LOCAL, "qwen")
                        .start()) {
            Backend coldBackend = gateway.server().gateway().backends().stream()
                    .filter(b -> b.name().equals("cold")).findFirst().orElseThrow();
            awaitTrue(() -> !coldBackend.mayHaveLoaded("qwen"));
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = gateway.post("/v1/chat/completions",
                        "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            assertThat(warm.requestsTo("/chat/completions")).hasSize(6);
            assertThat(cold.requestsTo("/chat/completions")).isEmpty();
        }
    }

    private static Backend local(String name, FakeOpenAi fake, String... models) {
        return new Backend(new BackendConfig(name, Protocol.OPENAI, fake.baseUrl(), null, Locality.LOCAL,
                List.of(models), 0), new BackendHealth(name, FailoverConfig.defaults()));
    }

    /** Waits (up to 5 s) for the first poll's answer; the assertion after the wait is what the test checks. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
