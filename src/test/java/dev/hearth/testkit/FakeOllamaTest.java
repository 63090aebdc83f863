package dev.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@link FakeOllama} the adapter tests do not reach: {@code stream: false}, {@code /api/generate},
 * {@code /api/show}, loading and unloading, and errors outside chat. Other tests (Ollama ingress) rely on them.
 */
class FakeOllamaTest {
    private static Vertx vertx;
    private static HttpClient client;
    private static Context context;
    private final FakeOllama ollama = new FakeOllama();

    private record Reply(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return Json.read(body);
        }

        List<JsonNode> lines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                lines.add(Json.read(line));
            }
            return lines;
        }
    }

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
        context = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stopClient() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @BeforeEach
    void script() {
        ollama.enqueue(Answer.text("Hello", " world"));
    }

    @Test
    void chatWithoutStreamingAnswersOneCompleteObject() throws Exception {
        Reply reply = call(HttpMethod.POST, "/api/chat",
                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode answer = reply.json();
        assertThat(answer.at("/message/content").asText()).isEqualTo("Hello world");
        assertThat(answer.path("done").asBoolean()).isTrue();
        assertThat(answer.path("done_reason").asText()).isEqualTo("stop");
        assertThat(answer.path("prompt_eval_count").asInt()).isEqualTo(11);
        assertThat(answer.path("eval_count").asInt()).isEqualTo(2);
    }

    @Test
    void streamedChatIsNdjsonEndingWithTheDoneLine() throws Exception {
        Reply reply = call(HttpMethod.POST, "/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(reply.contentType()).isEqualTo("application/x-ndjson");
        List<JsonNode> lines = reply.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).at("/message/content").asText()).isEqualTo("Hello");
        assertThat(lines.get(0).path("done").asBoolean()).isFalse();
        assertThat(lines.get(2).path("done").asBoolean()).isTrue();
        assertThat(lines.get(2).has("eval_count")).isTrue();
    }

    @Test
    void generateStreamsResponseTextAndEndsWithContext() throws Exception {
        Reply reply = call(HttpMethod.POST, "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}");

        List<JsonNode> lines = reply.lines();
        assertThat(lines).extracting(line -> line.path("response").asText()).containsExactly("Hello", " world", "");
        assertThat(lines.getLast().path("context").isArray()).isTrue();
    }

    @Test
    void aRequestWithoutMessagesLoadsOrUnloadsTheModel() throws Exception {
        Reply load = call(HttpMethod.POST, "/api/chat", "{\"model\":\"qwen3:8b\",\"messages\":[]}");
        assertThat(load.lines().getFirst().path("done_reason").asText()).isEqualTo("load");
        assertThat(call(HttpMethod.GET, "/api/ps", null).json().at("/models/0/name").asText()).isEqualTo("qwen3:8b");

        Reply unload = call(HttpMethod.POST, "/api/chat", "{\"model\":\"qwen3:8b\",\"messages\":[],\"keep_alive\":0}");
        assertThat(unload.lines().getFirst().path("done_reason").asText()).isEqualTo("unload");
        assertThat(call(HttpMethod.GET, "/api/ps", null).json().path("models")).isEmpty();
        assertThat(ollama.requests()).hasSize(2); // the two chats; /api/ps polls are not recorded
    }

    @Test
    void showDescribesAnInstalledModelAndUnknownOnesAreNotFound() throws Exception {
        JsonNode show = call(HttpMethod.POST, "/api/show", "{\"model\":\"llama3.2\"}").json();
        assertThat(show.path("capabilities")).extracting(JsonNode::asText).contains("completion", "tools");
        assertThat(show.at("/model_info/llama.context_length").asInt()).isEqualTo(131_072);

        Reply missing = call(HttpMethod.POST, "/api/embed", "{\"model\":\"bge-m3\",\"input\":\"x\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("model \"bge-m3\" not found, try pulling it first");
    }

    @Test
    void unknownPathsAndBadBodiesAnswerLikeOllama() throws Exception {
        assertThat(call(HttpMethod.GET, "/v1/models", null).status()).isEqualTo(404);
        Reply bad = call(HttpMethod.POST, "/api/chat", "{not json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().has("error")).isTrue();
        assertThat(ollama.requests().getLast().body()).isNull();
    }

    @Test
    void embeddingsAreDeterministicAndUnitLength() throws Exception {
        String body = "{\"model\":\"nomic-embed-text\",\"input\":[\"same\",\"same\",\"other\"]}";
        JsonNode vectors = call(HttpMethod.POST, "/api/embed", body).json().path("embeddings");

        assertThat(vectors).hasSize(3);
        assertThat(vectors.get(0)).isEqualTo(vectors.get(1)).isNotEqualTo(vectors.get(2));
        double norm = 0;
        for (JsonNode value : vectors.get(2)) {
            norm += value.asDouble() * value.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, offset(1e-5));
    }

    /**
     * Sends from one event-loop context, as Hearth does: from a plain thread, Vert.x 5.0's client can lose a
     * response's end between {@code send()} and {@code body()} (eclipse-vertx/vert.x#6038) and the test would hang.
     */
    private Reply call(HttpMethod method, String path, String body) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(ollama.baseUrl() + path);
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        context.runOnContext(v -> client.request(options)
                .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
                        .compose(resp -> resp.body().map(bytes -> new Reply(resp.statusCode(),
                                resp.getHeader("Content-Type"), bytes.toString()))))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        reply.complete(done.result());
                    } else {
                        reply.completeExceptionally(done.cause());
                    }
                }));
        return reply.get(10, TimeUnit.SECONDS);
    }
}
