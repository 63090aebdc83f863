package dev.hearth.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.config.FailoverConfig;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per failover rule, each fault injected by a fake OpenAI-compatible upstream over real sockets. The alias
 * "chain" tries primary, then secondary.
 */
class FailoverTest {
    private static final String STREAM = """
            {"model":"chain","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"hi"}]}""";
    private static final String JSON = """
            {"model":"chain","messages":[{"role":"user","content":"hi"}]}""";

    private FakeOpenAi primary;
    private FakeOpenAi secondary;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        primary = new FakeOpenAi("small");
        secondary = new FakeOpenAi("large");
        secondary.enqueue(Answer.text("from", " secondary"));
    }

    private TestGateway gateway(FailoverConfig failover) {
        gateway = TestGateway.builder()
                .openAi("primary", primary, "small")
                .openAi("secondary", secondary, "large")
                .alias("chain", "primary/small", "secondary/large")
                .failover(failover)
                .start();
        return gateway;
    }

    private TestGateway gateway() {
        return gateway(failover(2, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    private static FailoverConfig failover(int retries, Duration firstToken, Duration idle, Duration breakerOpen) {
        return new FailoverConfig(retries, Duration.ofSeconds(20), Duration.ofSeconds(2), firstToken, idle,
                Duration.ofMillis(20), Duration.ofSeconds(3), 50, 4, breakerOpen);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        primary.close();
        secondary.close();
    }

    private static String streamedText(String body) {
        StringBuilder text = new StringBuilder();
        for (String data : SseReader.data(body)) {
            if (data.equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = read(data);
            for (JsonNode choice : chunk.path("choices")) {
                text.append(choice.path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    private static JsonNode read(String json) {
        try {
            return Json.read(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void anUnreachableBackendFailsOverToTheNextCandidate() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        primary.close();
        primary = new FakeOpenAi("small");
        gateway = TestGateway.builder()
                .backend(new dev.hearth.config.BackendConfig("primary", dev.hearth.backend.Protocol.OPENAI,
                        URI.create("http://127.0.0.1:" + deadPort + "/v1"), null, dev.hearth.backend.Locality.LOCAL,
                        List.of("small"), 0))
                .openAi("secondary", secondary, "large")
                .alias("chain", "primary/small", "secondary/large")
                .start();
        HttpResponse<String> response = gateway.post("/v1/chat/completions", JSON);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body()).at("/choices/0/message/content").asText()).isEqualTo("from secondary");
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("secondary");
        assertThat(response.headers().firstValue("x-hearth-route-reason").orElseThrow())
                .contains("primary/small unreachable");
    }

    @Test
    void aServerErrorFailsOverAndTheModelFieldNamesTheModelThatAnswered() {
        primary.enqueue(Answer.text("never"), Fault.status(500, "boom"));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", JSON);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = read(response.body());
        assertThat(body.path("model").asText()).isEqualTo("large");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(response.headers().firstValue("x-hearth-model")).hasValue("large");
        assertThat(response.headers().firstValue("x-hearth-attempts")).hasValue("2");
        assertThat(gateway.server().gateway().backends()).allSatisfy(b -> assertThat(b.inFlight().get()).isZero());
    }

    @Test
    void rateLimitingIsRetriedOnlyAfterTheRetryAfterDelay() {
        gateway = TestGateway.builder().openAi("primary", primary, "small").start();
        primary.enqueue(Answer.text("x"), new Fault.Status(429, "rate_limit_exceeded", "slow down",
                Map.of("Retry-After", "1")));
        primary.enqueue(Answer.text("after", " waiting"));
        long started = System.nanoTime();
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                JSON.replace("\"chain\"", "\"small\""));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body()).at("/choices/0/message/content").asText()).isEqualTo("after waiting");
        assertThat(primary.requestsTo("/chat/completions")).hasSize(2);
        assertThat(waitedMillis).as("the retry honoured Retry-After: 1").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void retriesStopAfterMaxRetriesAndTheClientGetsTheUpstreamStatusClass() {
        gateway = TestGateway.builder().openAi("primary", primary, "small").start();
        for (int i = 0; i < 5; i++) {
            primary.enqueue(Answer.text("x"), Fault.status(503, "overloaded"));
        }
        HttpResponse<String> response = gateway.post("/v1/chat/completions", JSON.replace("\"chain\"", "\"small\""));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(read(response.body()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(primary.requestsTo("/chat/completions")).as("1 try + 2 retries").hasSize(3);
    }

    @Test
    void contextLengthExceededGoesToTheNextCandidateWithoutRetryingTheSameModel() {
        primary.enqueue(Answer.text("x"), new Fault.Status(400, "context_length_exceeded",
                "This model's maximum context length is 8192 tokens", Map.of()));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", JSON);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("secondary");
        assertThat(primary.requestsTo("/chat/completions")).hasSize(1);
    }

    @Test
    void contextLengthExceededEverywhereIsA400WithTheProvidersCode() {
        gateway = TestGateway.builder().openAi("primary", primary, "small").start();
        primary.enqueue(Answer.text("x"), new Fault.Status(400, "context_length_exceeded",
                "This model's maximum context length is 8192 tokens", Map.of()));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", JSON.replace("\"chain\"", "\"small\""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response.body()).at("/error/code").asText()).isEqualTo("context_length_exceeded");
        assertThat(primary.requestsTo("/chat/completions")).hasSize(1);
    }

    @Test
    void aContentPolicyRejectionIsPropagatedWithTheProvidersReasonAndNotRetried() {
        primary.enqueue(Answer.text("x"), new Fault.Status(400, "content_policy_violation",
                "Your request was rejected as a result of our safety system.", Map.of()));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", JSON);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = read(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("content_policy_violation");
        assertThat(error.path("message").asText()).contains("rejected as a result of our safety system");
        assertThat(secondary.requestsTo("/chat/completions")).isEmpty();
        assertThat(primary.requestsTo("/chat/completions")).hasSize(1);
    }

    @Test
    void aSilentBackendIsAbandonedAtTheFirstTokenBudgetAndNotRetriedOnTheSameRoute() {
        gateway(failover(2, Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        primary.enqueue(Answer.text("late"), new Fault.StallBeforeFirstByte(Duration.ofSeconds(5)));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(streamedText(response.body())).isEqualTo("from secondary");
        assertThat(primary.requestsTo("/chat/completions")).hasSize(1);
        assertThat(response.headers().firstValue("x-hearth-route-reason").orElseThrow()).contains("timed out");
    }

    @Test
    void aStreamThatStallsBeforeContentIsRetriedTransparently() {
        gateway(failover(2, Duration.ofSeconds(5), Duration.ofMillis(400), Duration.ofSeconds(30)));
        primary.enqueue(Answer.text("late"), new Fault.StallAfterChunks(1, Duration.ofSeconds(5)));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM);
        assertThat(streamedText(response.body())).isEqualTo("from secondary");
        assertThat(SseReader.data(response.body())).last().isEqualTo("[DONE]");
    }

    @Test
    void aStreamThatDiesBeforeContentIsRetriedTransparently() {
        primary.enqueue(Answer.text("lost"), new Fault.CloseAfterChunks(1));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", STREAM);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(streamedText(response.body())).isEqualTo("from secondary");
    }

    @Test
    void garbageBeforeContentIsRetriedTransparently() {
        primary.enqueue(Answer.text("lost"), new Fault.GarbageAfterChunks(1));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", STREAM);
        assertThat(streamedText(response.body())).isEqualTo("from secondary");
    }

    @Test
    void aStreamThatDiesAfterContentEndsWithAnInBandErrorNotATruncatedSuccess() {
        primary.enqueue(Answer.text("one", " two", " three", " four"), new Fault.CloseAfterChunks(3));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", STREAM);
        List<String> events = SseReader.data(response.body());
        assertThat(streamedText(response.body())).isEqualTo("one two");
        assertThat(events).doesNotContain("[DONE]");
        JsonNode last = read(events.getLast());
        assertThat(last.at("/error/code").asText()).isEqualTo("stream_interrupted");
        assertThat(secondary.requestsTo("/chat/completions")).isEmpty();
    }

    @Test
    void aNonStreamingAnswerThatDiesMidwayIsRetriedBecauseTheClientHasSeenNothing() {
        primary.enqueue(Answer.text("one", " two", " three", " four"), new Fault.CloseAfterChunks(3));
        HttpResponse<String> response = gateway().post("/v1/chat/completions", JSON);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body()).at("/choices/0/message/content").asText()).isEqualTo("from secondary");
    }

    @Test
    void aStreamWithoutDoneIsFinalisedPromptlyWithUsage() {
        gateway = TestGateway.builder().openAi("primary", primary, "small").start();
        primary.enqueue(Answer.text("all", " there"), new Fault.EndWithoutEndMarker());
        HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM.replace("\"chain\"", "\"small\""));
        List<String> events = SseReader.data(response.body());
        assertThat(streamedText(response.body())).isEqualTo("all there");
        assertThat(events).last().isEqualTo("[DONE]");
        JsonNode usage = read(events.get(events.size() - 2)).path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(2);
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(11);
    }

    @Test
    void anOpenCircuitSkipsTheBackendThenAHalfOpenProbeReturnsToThePrimary() throws Exception {
        gateway(failover(0, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(600)));
        for (int i = 0; i < 4; i++) {
            primary.enqueue(Answer.text("x"), Fault.status(500, "down"));
            secondary.enqueue(Answer.text("from", " secondary"));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.post("/v1/chat/completions", JSON).headers().firstValue("x-hearth-backend"))
                    .hasValue("secondary");
        }
        int primaryCalls = primary.requestsTo("/chat/completions").size();
        HttpResponse<String> whileOpen = gateway.post("/v1/chat/completions", JSON);
        assertThat(whileOpen.headers().firstValue("x-hearth-route-reason").orElseThrow()).contains("circuit open");
        assertThat(primary.requestsTo("/chat/completions")).as("no call while open").hasSize(primaryCalls);

        primary.enqueue(Answer.text("primary", " is", " back"));
        HttpResponse<String> probe = awaitBackend("primary", Duration.ofSeconds(5));
        assertThat(read(probe.body()).at("/choices/0/message/content").asText()).isEqualTo("primary is back");
        primary.enqueue(Answer.text("and", " stays"));
        assertThat(gateway.post("/v1/chat/completions", JSON).headers().firstValue("x-hearth-backend"))
                .hasValue("primary");
    }

    /** Repeats the request until the primary answers again (the breaker's open time passing), bounded. */
    private HttpResponse<String> awaitBackend(String backend, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            secondary.enqueue(Answer.text("from", " secondary"));
            HttpResponse<String> response = gateway.post("/v1/chat/completions", JSON);
            if (response.headers().firstValue("x-hearth-backend").orElse("").equals(backend)) {
                return response;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("backend " + backend + " never answered again");
    }

    @Test
    void aClientThatDisconnectsCancelsTheUpstreamRequest() throws Exception {
        gateway = TestGateway.builder().openAi("primary", primary, "small").start();
        primary.enqueue(Answer.text("one", " two", " three"), new Fault.StallAfterChunks(2, Duration.ofSeconds(30)));
        var request = java.net.http.HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(STREAM.replace("\"chain\"", "\"small\"")))
                .build();
        HttpResponse<java.io.InputStream> response = gateway.http().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            assertThat(body.read()).isNotEqualTo(-1); // content has started to flow
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (primary.cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(primary.cancelledStreams()).isEqualTo(1);
        var backend = gateway.server().gateway().backends().getFirst();
        while (backend.inFlight().get() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the gateway's loop settles its count just after the upstream sees the cancel
        }
        assertThat(backend.inFlight().get()).as("the cancelled attempt is no longer counted in flight").isZero();
    }

    @Test
    void aBackendAtItsConcurrencyLimitSpillsToTheNextCandidate() throws Exception {
        gateway = TestGateway.builder()
                .backend(new dev.hearth.config.BackendConfig("primary", dev.hearth.backend.Protocol.OPENAI,
                        primary.baseUrl(), null, dev.hearth.backend.Locality.LOCAL, List.of("small"), 1))
                .openAi("secondary", secondary, "large")
                .alias("chain", "primary/small", "secondary/large")
                .start();
        primary.enqueue(Answer.text("slow", " one"), new Fault.StallAfterChunks(2, Duration.ofSeconds(2)));
        var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> gateway.post("/v1/chat/completions", STREAM));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (primary.requestsTo("/chat/completions").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        HttpResponse<String> spilled = gateway.post("/v1/chat/completions", JSON);
        assertThat(spilled.headers().firstValue("x-hearth-backend")).hasValue("secondary");
        assertThat(spilled.headers().firstValue("x-hearth-route-reason").orElseThrow())
                .contains("primary/small at capacity");
        assertThat(streamedText(slow.get(10, java.util.concurrent.TimeUnit.SECONDS).body())).isEqualTo("slow one");
    }
}
