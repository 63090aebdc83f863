package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.FailoverConfig;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invariant "a request classified local-only never reaches a cloud backend", against every routing path: a
 * concrete cloud model, aliases in every order and strategy, every way a local backend can fail, retry rounds, an
 * open breaker and hedging. After each test the cloud upstream must have received no chat request at all; the
 * client gets a local answer or a clear refusal.
 */
class LocalOnlyInvariantTest {
    /** PHI (a medical record number): local-only under the default policy. */
    private static final String PHI_REQUEST = """
            {"model":"%s","messages":[{"role":"user","content":"Patient MRN: 00482133 was seen today. Summarise."}]}""";

    private static final String CLEAN = """
            {"model":"%s","messages":[{"role":"user","content":"Summarise the news."}]}""";

    private FakeOpenAi box;
    private FakeOpenAi cloud;
    private TestGateway gateway;
    /** Only the control test, which shows the same routes do reach the cloud for a clean request. */
    private boolean cloudExpected;
    /** Clean requests a test sent to the cloud on purpose before its local-only ones. */
    private int cloudBaseline;

    @BeforeEach
    void start() {
        box = new FakeOpenAi("llama3.1", "gpt-4o");
        cloud = new FakeOpenAi("gpt-4o", "gpt-4o-mini");
    }

    @AfterEach
    void stop() {
        try {
            if (!cloudExpected) {
                assertThat(cloud.requestsTo("/chat/completions")).as("chat requests that reached the cloud")
                        .hasSize(cloudBaseline);
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            box.close();
            cloud.close();
        }
    }

    private TestGateway.Builder builder() {
        return TestGateway.builder()
                .backend("box", Protocol.OPENAI, box, Locality.LOCAL, "llama3.1", "gpt-4o")
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o", "gpt-4o-mini");
    }

    private HttpResponse<String> ask(String model) {
        return gateway.post("/v1/chat/completions", PHI_REQUEST.formatted(model));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.read(response.body());
    }

    private static void assertLocalAnswer(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("box");
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("local-only");
        assertThat(response.headers().firstValue("x-hearth-data-classes")).hasValue("phi");
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("Hello from the fake");
    }

    private static FailoverConfig failover(int retries, Duration firstToken, int breakerWindow) {
        return new FailoverConfig(retries, Duration.ofSeconds(20), Duration.ofSeconds(2), firstToken,
                Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50), 50, breakerWindow,
                Duration.ofSeconds(30));
    }

    @Test
    void controlTheSameRoutesStrategiesFailuresAndHedgesDoReachTheCloudForACleanRequest() throws Exception {
        cloudExpected = true;
        gateway = builder()
                .alias("cheap", Strategy.COST, 0.5, "box/gpt-4o", "cloud/gpt-4o-mini")
                .alias("best", Strategy.QUALITY, 1.0, "cloud/gpt-4o", "box/llama3.1")
                .alias("chat", "box/llama3.1", "cloud/gpt-4o")
                .alias("hedged", Strategy.ORDERED, 0.5, Duration.ofMillis(100), "box/llama3.1", "cloud/gpt-4o")
                .start();
        for (String alias : List.of("cheap", "best")) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", CLEAN.formatted(alias));
            assertThat(response.headers().firstValue("x-hearth-backend")).as(alias).hasValue("cloud");
        }
        box.enqueue(Answer.text("x"), Fault.status(503, "overloaded"));
        assertThat(gateway.post("/v1/chat/completions", CLEAN.formatted("chat")).headers()
                .firstValue("x-hearth-backend")).hasValue("cloud");
        box.enqueue(box.defaultAnswer(), new Fault.StallBeforeFirstByte(Duration.ofMillis(700)));
        assertThat(gateway.post("/v1/chat/completions", CLEAN.formatted("hedged")).headers()
                .firstValue("x-hearth-backend")).hasValue("cloud");
        assertThat(cloud.requestsTo("/chat/completions")).hasSize(4);
    }

    @Test
    void aConcreteModelServedOnlyInTheCloudIsRefusedNamingTheDataClassNotTheValue() throws Exception {
        gateway = builder().start();
        HttpResponse<String> response = ask("gpt-4o-mini");
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("code").asText()).isEqualTo("privacy_local_only");
        assertThat(error.path("message").asText()).contains("phi data").contains("cloud/gpt-4o-mini")
                .doesNotContain("00482133");
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("local-only");
        assertThat(box.requestsTo("/chat/completions")).isEmpty();
    }

    @Test
    void aConcreteModelServedLocallyAndInTheCloudRunsLocally() throws Exception {
        gateway = builder().start();
        assertLocalAnswer(ask("gpt-4o"));
    }

    @Test
    void anAliasListingTheCloudFirstIsAnsweredLocally() throws Exception {
        gateway = builder().alias("chat", "cloud/gpt-4o", "box/llama3.1").start();
        HttpResponse<String> response = ask("chat");
        assertLocalAnswer(response);
        assertThat(response.headers().firstValue("x-hearth-route-reason").orElseThrow())
                .contains("local-only (phi), withheld: cloud/gpt-4o");
    }

    @Test
    void costQualityLocalFirstAndLatencyStrategiesThatPreferTheCloudAreAnsweredLocally() throws Exception {
        gateway = builder()
                .alias("cheap", Strategy.COST, 0.5, "box/gpt-4o", "cloud/gpt-4o-mini")
                .alias("best", Strategy.QUALITY, 1.0, "cloud/gpt-4o", "box/llama3.1")
                .alias("auto", Strategy.LOCAL_FIRST, 1.0, "cloud/gpt-4o", "box/llama3.1")
                .alias("fast", Strategy.LATENCY, 0.5, "cloud/gpt-4o", "box/llama3.1")
                .start();
        // Teach the latency strategy that the cloud is faster, with clean requests.
        box.enqueue(box.defaultAnswer(), new Fault.StallBeforeFirstByte(Duration.ofMillis(300)));
        gateway.post("/v1/chat/completions", CLEAN.formatted("box/llama3.1"));
        gateway.post("/v1/chat/completions", CLEAN.formatted("cloud/gpt-4o"));
        assertThat(gateway.post("/v1/chat/completions", CLEAN.formatted("fast")).headers()
                .firstValue("x-hearth-backend")).hasValue("cloud");
        cloudBaseline = cloud.requestsTo("/chat/completions").size();
        for (String alias : List.of("cheap", "best", "auto", "fast")) {
            assertLocalAnswer(ask(alias));
        }
    }

    @Test
    void localServerErrorsThroughEveryRetryRoundNeverFallBackToTheCloud() throws Exception {
        gateway = builder().alias("chat", "box/llama3.1", "cloud/gpt-4o").failover(failover(2, Duration.ofSeconds(5),
                100)).start();
        for (int i = 0; i < 3; i++) {
            box.enqueue(Answer.text("x"), Fault.status(503, "overloaded"));
        }
        HttpResponse<String> response = ask("chat");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(box.requestsTo("/chat/completions")).hasSize(3);
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("local-only");
    }

    @Test
    void anUnreachableLocalBackendIsNotReplacedByTheCloud() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        gateway = TestGateway.builder()
                .backend(new BackendConfig("box", Protocol.OPENAI, URI.create("http://127.0.0.1:" + deadPort + "/v1"),
                        null, Locality.LOCAL, List.of("llama3.1"), 0))
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                .alias("chat", "box/llama3.1", "cloud/gpt-4o")
                .failover(failover(1, Duration.ofSeconds(5), 100))
                .start();
        HttpResponse<String> response = ask("chat");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/error/message").asText()).doesNotContain("00482133");
    }

    @Test
    void aLocalFirstTokenTimeoutIsNotReplacedByTheCloud() throws Exception {
        gateway = builder().alias("chat", "box/llama3.1", "cloud/gpt-4o")
                .failover(failover(2, Duration.ofMillis(300), 100)).start();
        box.enqueue(Answer.text("late"), new Fault.StallBeforeFirstByte(Duration.ofSeconds(2)));
        HttpResponse<String> response = ask("chat");
        assertThat(response.statusCode()).isEqualTo(504);
    }

    @Test
    void anOpenLocalBreakerLeavesAnAvailabilityErrorNotACloudAnswer() throws Exception {
        gateway = builder().alias("chat", "box/llama3.1", "cloud/gpt-4o").failover(failover(1, Duration.ofSeconds(5),
                2)).start();
        box.enqueue(Answer.text("x"), Fault.status(500, "boom")).enqueue(Answer.text("x"), Fault.status(500, "boom"));
        assertThat(ask("chat").statusCode()).isEqualTo(502);
        HttpResponse<String> response = ask("chat");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/error/message").asText()).contains("box/llama3.1 circuit open");
        assertThat(box.requestsTo("/chat/completions")).hasSize(2);
    }

    @Test
    void aHedgeNeverStartsOnTheCloudWhileTheLocalBackendIsSlow() throws Exception {
        gateway = builder().alias("chat", Strategy.ORDERED, 0.5, Duration.ofMillis(100), "box/llama3.1",
                "cloud/gpt-4o").start();
        box.enqueue(box.defaultAnswer(), new Fault.StallBeforeFirstByte(Duration.ofMillis(700)));
        assertLocalAnswer(ask("chat"));
    }

    @Test
    void anAnthropicClientIsRefusedInItsOwnErrorShape() throws Exception {
        gateway = builder().start();
        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model":"gpt-4o-mini","max_tokens":50,
                 "messages":[{"role":"user","content":"Patient MRN: 00482133 was seen today."}]}""");
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode body = json(response);
        assertThat(body.at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(body.at("/error/message").asText()).contains("phi").doesNotContain("00482133");
    }
}
