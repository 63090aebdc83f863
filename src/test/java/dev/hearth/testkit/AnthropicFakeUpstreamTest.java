package dev.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@link FakeAnthropic} the adapter does not reach (it always streams and always sends its headers),
 * checked against the documented wire format so that ingress tests can rely on them.
 */
class AnthropicFakeUpstreamTest {
    static final Map<String, String> HEADERS = Map.of("x-api-key", "k", "anthropic-version", "2023-06-01",
            "content-type", "application/json");
    static final String BODY = """
            {"model": "claude-haiku-4-5", "max_tokens": 100, "messages": [{"role": "user", "content": "Hi"}]}""";

    Vertx vertx;
    HttpClient client;
    FakeAnthropic fake;

    record Reply(int status, String contentType, String body) {
        JsonNode json() throws Exception {
            return Json.read(body);
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
        fake = FakeAnthropic.start(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    Reply send(HttpMethod method, String path, Map<String, String> headers, String body) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method)
                .setAbsoluteURI(fake.baseUrl() + path);
        headers.forEach(options::putHeader);
        // Started on an event loop: Vert.x 5.0 can lose a compose chain started from a plain thread (vert.x#6038).
        var reply = new java.util.concurrent.CompletableFuture<Reply>();
        vertx.getOrCreateContext().runOnContext(v -> client.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(bytes -> new Reply(resp.statusCode(),
                        resp.getHeader("content-type"), bytes.toString())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        reply.complete(ar.result());
                    } else {
                        reply.completeExceptionally(ar.cause());
                    }
                }));
        return reply.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersAWholeMessageWhenNotAskedToStream() throws Exception {
        fake.enqueue(Answer.text("Hello", " there"));

        Reply reply = send(HttpMethod.POST, "/v1/messages", HEADERS, BODY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(Json.read("""
                {"id": "msg_fake_1", "type": "message", "role": "assistant", "model": "claude-haiku-4-5",
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "content": [{"type": "text", "text": "Hello there"}],
                 "usage": {"input_tokens": 11, "output_tokens": 2}}"""));
    }

    @Test
    void streamsTheDocumentedEventSequence() throws Exception {
        fake.enqueue(Answer.text("Hi"));

        Reply reply = send(HttpMethod.POST, "/v1/messages", HEADERS, BODY.replace("{\"model\"",
                "{\"stream\": true, \"model\""));

        assertThat(reply.contentType()).startsWith("text/event-stream");
        assertThat(reply.body().lines().filter(line -> line.startsWith("event: ")).map(line -> line.substring(7)))
                .containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
                        "content_block_stop", "message_delta", "message_stop");
    }

    @Test
    void requiresTheApiKeyAndTheVersionHeader() throws Exception {
        Reply noKey = send(HttpMethod.POST, "/v1/messages", Map.of("anthropic-version", "2023-06-01"), BODY);
        Reply noVersion = send(HttpMethod.GET, "/v1/models", Map.of("x-api-key", "k"), null);

        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().path("type").asText()).isEqualTo("error");
        assertThat(noVersion.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void rejectsABodyWithoutMaxTokensAsTheApiDoes() throws Exception {
        Reply reply = send(HttpMethod.POST, "/v1/messages", HEADERS, BODY.replace("\"max_tokens\": 100, ", ""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("max_tokens");
    }

    @Test
    void aNonStreamedErrorFaultIsAnOverloadedStatus() throws Exception {
        fake.enqueue(Answer.text("x"), new Fault.ErrorEventAfterChunks(1, "Overloaded"));

        Reply reply = send(HttpMethod.POST, "/v1/messages", HEADERS, BODY);

        assertThat(reply.status()).isEqualTo(529);
        assertThat(reply.json()).isEqualTo(AnthropicAnswerWriter.error("overloaded_error", "Overloaded"));
    }

    @Test
    void recordsRequestsWithLowerCaseHeaderNames() throws Exception {
        send(HttpMethod.GET, "/v1/models", HEADERS, null);

        RecordedRequest recorded = fake.requests().get(0);
        assertThat(recorded.path()).isEqualTo("/v1/models");
        assertThat(recorded.headers()).containsEntry("anthropic-version", "2023-06-01");
        assertThat(recorded.body()).isNull();
    }
}
