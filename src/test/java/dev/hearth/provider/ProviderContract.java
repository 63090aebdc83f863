package dev.hearth.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.FinishReason;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.ToolDefinition;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider adapter passes, run against a fake upstream that speaks that protocol's documented wire
 * format over a real socket and injects faults. An adapter package adds one test class implementing this interface.
 */
public interface ProviderContract {
    Duration LIMIT = Duration.ofSeconds(10);

    Protocol protocol();

    FakeUpstream newFake();

    ProviderAdapter adapter(HttpClient client, BackendConfig backend);

    /** Per-test state, created by {@link #setUp()}: fresh fake and Vert.x for every test. */
    final class State {
        static final ThreadLocal<State> CURRENT = new ThreadLocal<>();
        Vertx vertx;
        FakeUpstream fake;
        ProviderAdapter adapter;
    }

    @BeforeEach
    default void setUp() {
        State state = new State();
        state.vertx = Vertx.vertx();
        state.fake = newFake();
        BackendConfig backend = new BackendConfig("contract", protocol(), state.fake.baseUrl(),
                dev.hearth.config.Secret.of("test-key"), Locality.LOCAL, List.of("m"), 0);
        state.adapter = adapter(state.vertx.createHttpClient(), backend);
        State.CURRENT.set(state);
    }

    @AfterEach
    default void tearDown() {
        State state = State.CURRENT.get();
        state.fake.close();
        state.vertx.close().toCompletionStage().toCompletableFuture().join();
        State.CURRENT.remove();
    }

    private static State state() {
        return State.CURRENT.get();
    }

    private static ChatRequest request(List<ToolDefinition> tools) {
        return new ChatRequest("m", List.of(Message.text(Role.SYSTEM, "Be brief."), Message.text(Role.USER, "Hi")),
                tools, null, null, new Sampling(0.2, null, null, 64, false, List.of(), null, null, null), true, true,
                Map.of());
    }

    private static AdapterRun run(Answer answer, Fault fault) {
        state().fake.enqueue(answer, fault);
        return AdapterRun.start(state().vertx, state().adapter, request(List.of()), "m");
    }

    @Test
    default void streamsTextInOrderAndCompletes() {
        AdapterRun run = run(Answer.text("Hel", "lo", " world"), Fault.NONE);
        assertThat(run.await(LIMIT)).isNull();
        assertThat(run.text()).isEqualTo("Hello world");
        assertThat(run.events()).filteredOn(StreamEvent.Finish.class::isInstance)
                .containsExactly(new StreamEvent.Finish(0, FinishReason.STOP));
        assertThat(run.violations()).isEmpty();
    }

    @Test
    default void reportsTheUpstreamsUsage() {
        AdapterRun run = run(new Answer(List.of("a", "b"), List.of(), 17, 2, "stop"), Fault.NONE);
        assertThat(run.await(LIMIT)).isNull();
        assertThat(run.events()).filteredOn(StreamEvent.UsageReport.class::isInstance)
                .extracting(e -> ((StreamEvent.UsageReport) e).usage())
                .singleElement()
                .satisfies(usage -> {
                    assertThat(usage.promptTokens()).isEqualTo(17);
                    assertThat(usage.completionTokens()).isEqualTo(2);
                    assertThat(usage.estimated()).isFalse();
                });
    }

    @Test
    default void streamsAToolCallWithIdNameAndArguments() {
        state().fake.enqueue(Answer.toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"), Fault.NONE);
        ToolDefinition tool = new ToolDefinition("get_weather", "Weather now", Map.of("type", "object"), null);
        AdapterRun run = AdapterRun.start(state().vertx, state().adapter, request(List.of(tool)), "m");
        assertThat(run.await(LIMIT)).isNull();
        AnswerCollector collector = new AnswerCollector();
        run.events().forEach(collector::add);
        var choice = collector.choices().getFirst();
        assertThat(choice.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isNotBlank();
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.arguments().replace(" ", "")).isEqualTo("{\"city\":\"Oslo\"}");
        });
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    default void aServerErrorIsClassifiedAsSuch() {
        UpstreamFailure failure = run(Answer.text("x"), Fault.status(500, "boom")).await(LIMIT);
        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.SERVER_ERROR);
        assertThat(failure.status()).isEqualTo(500);
    }

    @Test
    default void rateLimitingCarriesRetryAfter() {
        UpstreamFailure failure = run(Answer.text("x"), new Fault.Status(429, "rate_limit_error", "slow down",
                Map.of("Retry-After", "7"))).await(LIMIT);
        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    default void aRejectedModelOrKeyIsTheBackendsProblem() {
        UpstreamFailure failure = run(Answer.text("x"), Fault.status(404, "model not found")).await(LIMIT);
        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.BACKEND_REJECTED);
    }

    @Test
    default void aTooLongPromptIsAContextLengthFailure() {
        UpstreamFailure failure = run(Answer.text("x"), new Fault.Status(400, null,
                "prompt is too long: the maximum context length is 8192 tokens", Map.of())).await(LIMIT);
        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.CONTEXT_LENGTH);
    }

    @Test
    default void aConnectionClosedBeforeAnswerIsAConnectionFailure() {
        UpstreamFailure failure = run(Answer.text("x"), new Fault.CloseBeforeResponse()).await(LIMIT);
        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.CONNECTION);
    }

    @Test
    default void aStreamCutMidwayFailsAfterTheEventsThatArrived() {
        // A "chunk" is one protocol frame (an SSE event or an NDJSON line); 6 frames always include some text.
        AdapterRun run = run(Answer.text("a", "b", "c", "d", "e", "f", "g", "h"), new Fault.CloseAfterChunks(6));
        UpstreamFailure failure = run.await(LIMIT);
        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isIn(UpstreamFailure.Kind.CONNECTION, UpstreamFailure.Kind.PROTOCOL);
        assertThat(run.text()).isNotEmpty().isNotEqualTo("abcdefgh");
    }

    @Test
    default void garbageIsAProtocolFailure() {
        UpstreamFailure failure = run(Answer.text("one", " two"), new Fault.GarbageAfterChunks(1)).await(LIMIT);
        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.PROTOCOL);
    }

    @Test
    default void anInStreamErrorEventIsAFailure() {
        UpstreamFailure failure = run(Answer.text("one", " two"), new Fault.ErrorEventAfterChunks(1, "overloaded"))
                .await(LIMIT);
        assertThat(failure).isNotNull();
        assertThat(failure.message()).contains("overloaded");
    }

    @Test
    default void cancelClosesTheUpstreamStreamAndSilencesTheListener() throws Exception {
        AdapterRun run = run(Answer.text("a", "b", "c", "d", "e", "f", "g", "h"),
                new Fault.StallAfterChunks(6, Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (run.events().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        state().vertx.getOrCreateContext().runOnContext(v -> run.call().cancel());
        while (state().fake.cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(state().fake.cancelledStreams()).isEqualTo(1);
        assertThat(run.ended()).as("no terminal call after cancel").isFalse();
    }

    @Test
    default void listsTheUpstreamsModels() {
        List<String> models = state().adapter.listModels().toCompletableFuture().join();
        assertThat(models).isNotEmpty();
    }
}
