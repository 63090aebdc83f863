package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.ollama.NdjsonReader.json;
import static dev.hearth.ingress.ollama.NdjsonReader.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.testkit.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thinking model's reasoning reaches an Ollama client as {@code message.thinking} (or {@code thinking} beside
 * {@code response}), and {@code think: false} keeps it out of the answer. The upstream is a minimal Ollama that always
 * thinks before answering (the shared fakes do not model reasoning).
 */
class OllamaThinkingTest {
    private static final String THINKING_ANSWER = """
            {"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"Six times seven."},"done":false}
            {"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"42"},"done":false}
            {"model":"qwen3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":4}
            """;

    private static Vertx vertx;
    private static HttpServer upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> request.response()
                        .putHeader("Content-Type", "application/x-ndjson").end(THINKING_ANSWER)))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        gateway = TestGateway.builder().backend(new BackendConfig("ollama", Protocol.OLLAMA,
                URI.create("http://127.0.0.1:" + upstream.actualPort()), null, Locality.LOCAL, List.of("qwen3:8b"), 0))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void reasoningStreamsAsMessageThinkingBeforeTheContent() {
        List<JsonNode> lines = lines(gateway.post("/api/chat",
                "{\"model\":\"qwen3:8b\",\"think\":true,\"messages\":[{\"role\":\"user\",\"content\":\"6x7?\"}]}")
                .body());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).at("/message/thinking").asText()).isEqualTo("Six times seven.");
        assertThat(lines.get(0).at("/message/content").asText()).isEmpty();
        assertThat(lines.get(1).at("/message/content").asText()).isEqualTo("42");
        assertThat(lines.get(1).at("/message/thinking").isMissingNode()).isTrue();
        assertThat(lines.get(2).path("eval_count").asInt()).isEqualTo(4);
    }

    @Test
    void thinkFalseKeepsReasoningOutOfTheAnswer() {
        List<JsonNode> lines = lines(gateway.post("/api/chat",
                "{\"model\":\"qwen3:8b\",\"think\":false,\"messages\":[{\"role\":\"user\",\"content\":\"6x7?\"}]}")
                .body());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).at("/message/content").asText()).isEqualTo("42");
        assertThat(lines.toString()).doesNotContain("thinking");
        JsonNode whole = json(gateway.post("/api/generate",
                "{\"model\":\"qwen3:8b\",\"think\":false,\"stream\":false,\"prompt\":\"6x7?\"}").body());
        assertThat(whole.has("thinking")).isFalse();
        assertThat(whole.path("response").asText()).isEqualTo("42");
    }

    @Test
    void aWholeAnswerCarriesItsThinkingBesideTheResponse() {
        JsonNode whole = json(gateway.post("/api/generate",
                "{\"model\":\"qwen3:8b\",\"stream\":false,\"prompt\":\"6x7?\"}").body());
        assertThat(whole.path("thinking").asText()).isEqualTo("Six times seven.");
        assertThat(whole.path("response").asText()).isEqualTo("42");
    }
}
