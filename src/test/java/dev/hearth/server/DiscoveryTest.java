package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.tokens.TokenCounter;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zero-config discovery: servers that answer are found with their models; silent ports are skipped quickly. */
class DiscoveryTest {
    @Test
    void localServersThatAnswerAreFoundWithTheirModelsAndOthersAreSkipped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Vertx vertx = Vertx.vertx();
        try (FakeOllama ollama = new FakeOllama().models("qwen2.5-coder:7b", "llama3.2:3b");
                FakeOpenAi lmstudio = new FakeOpenAi("phi-4")) {
            Discovery discovery = new Discovery(vertx, new TokenCounter());
            List<BackendConfig> found = discovery.probeLocal(List.of(
                    candidate("ollama", Protocol.OLLAMA, ollama.baseUrl()),
                    candidate("lmstudio", Protocol.OPENAI, lmstudio.baseUrl()),
                    candidate("vllm", Protocol.OPENAI, URI.create("http://127.0.0.1:" + closedPort + "/v1"))))
                    .toCompletionStage().toCompletableFuture().join();
            discovery.close();
            assertThat(found).extracting(BackendConfig::name).containsExactly("ollama", "lmstudio");
            assertThat(found.get(0).models()).containsExactlyInAnyOrder("qwen2.5-coder:7b", "llama3.2:3b");
            assertThat(found.get(1).models()).containsExactly("phi-4");
            assertThat(found).allMatch(b -> b.location() == Locality.LOCAL);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static BackendConfig candidate(String name, Protocol protocol, URI url) {
        return new BackendConfig(name, protocol, url, null, Locality.LOCAL, List.of(), 0);
    }
}
