package dev.hearth.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.model.AnswerCollector;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.FinishReason;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.StreamEvent.Finish;
import dev.hearth.model.StreamEvent.TextDelta;
import dev.hearth.model.StreamEvent.UsageReport;
import dev.hearth.model.ToolCall;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamFailure.Kind;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.RecordedRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The adapter against {@link FakeAnthropic} over real sockets, called from a Vert.x event loop. */
class AnthropicAdapterTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration LONG_STALL = Duration.ofSeconds(60);
    static final String KEY = "sk-ant-test-key";
    static Vertx vertx;

    FakeAnthropic fake;
    HttpClient client;
    Context context;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() {
        fake = FakeAnthropic.start();
        client = vertx.createHttpClient();
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void stop() throws Exception {
        client.close().await(10, TimeUnit.SECONDS);
        fake.close();
    }

    AnthropicAdapter adapter(Secret key) {
        return new AnthropicAdapter(client, new BackendConfig("claude", Protocol.ANTHROPIC, fake.baseUrl(), key,
                Locality.CLOUD, List.of(), 0));
    }

    static ChatRequest ask(String text) {
        return new ChatRequest("claude", List.of(Message.text(Role.USER, text)), List.of(), null, null,
                Sampling.NONE, true, false, Map.of());
    }

    /** Starts a chat on the test's event loop; the call is available once streamChat returned there. */
    UpstreamCall chat(ChatRequest request, RecordingListener listener) {
        CompletableFuture<UpstreamCall> call = new CompletableFuture<>();
        context.runOnContext(v -> call.complete(adapter(Secret.of(KEY)).streamChat(request, "claude-sonnet-4-5",
                listener)));
        return call.join();
    }

    RecordingListener.Outcome chatUntilEnd(ChatRequest request, RecordingListener listener) {
        chat(request, listener);
        RecordingListener.Outcome outcome = listener.await(WAIT);
        assertThat(listener.wellBehaved()).as("one terminal call, on the event loop").isTrue();
        return outcome;
    }

    UpstreamFailure failureFor(Fault fault) {
        fake.enqueue(fake.defaultAnswer(), fault);
        RecordingListener.Outcome outcome = chatUntilEnd(ask("Hi"), RecordingListener.onEventLoop());
        assertThat(outcome.completed()).as("the attempt failed").isFalse();
        return outcome.failure();
    }

    <T> T onLoop(Supplier<CompletionStage<T>> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> action.get().whenComplete((value, err) -> {
            if (err != null) {
                result.completeExceptionally(err);
            } else {
                result.complete(value);
            }
        }));
        return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void streamsTextThenFinishThenUsage() {
        fake.enqueue(Answer.text("Hel", "lo", " there"));
        RecordingListener listener = RecordingListener.onEventLoop();

        assertThat(chatUntilEnd(ask("Hi"), listener).completed()).isTrue();

        assertThat(listener.events()).containsExactly(
                new TextDelta(0, "Hel"), new TextDelta(0, "lo"), new TextDelta(0, " there"),
                new Finish(0, FinishReason.STOP),
                new UsageReport(new Usage(11, 3, false)));
    }

    @Test
    void streamsAToolCallWithItsArgumentsInPieces() {
        fake.enqueue(Answer.toolCall("toolu_01", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        RecordingListener listener = RecordingListener.onEventLoop();

        assertThat(chatUntilEnd(ask("Weather?"), listener).completed()).isTrue();

        AnswerCollector collected = new AnswerCollector();
        listener.events().forEach(collected::add);
        AnswerCollector.Choice choice = collected.choices().get(0);
        assertThat(choice.toolCalls()).containsExactly(
                new ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(listener.events(UsageReport.class)).containsExactly(new UsageReport(new Usage(20, 9, false)));
    }

    @Test
    void sendsTheKeyTheVersionAndAStreamingMessagesBody() {
        chatUntilEnd(ask("Hi"), RecordingListener.onEventLoop());

        RecordedRequest sent = fake.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers()).containsEntry("x-api-key", KEY)
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("authorization");
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
        assertThat(sent.body().path("model").asText()).isEqualTo("claude-sonnet-4-5");
    }

    static Stream<Arguments> statusFaults() {
        return Stream.of(
                Arguments.of(Fault.status(500, "Internal server error"), Kind.SERVER_ERROR),
                Arguments.of(Fault.status(529, "Overloaded"), Kind.SERVER_ERROR),
                Arguments.of(Fault.status(401, "invalid x-api-key"), Kind.BACKEND_REJECTED),
                Arguments.of(Fault.status(404, "model: claude-nope"), Kind.BACKEND_REJECTED),
                Arguments.of(Fault.status(400, "prompt is too long: 210000 tokens > 200000 maximum"),
                        Kind.CONTEXT_LENGTH),
                Arguments.of(Fault.status(400, "temperature: range: 0..1"), Kind.BAD_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("statusFaults")
    void httpErrorsAreClassifiedFromAnthropicsErrorShape(Fault fault, Kind expected) {
        UpstreamFailure failure = failureFor(fault);

        assertThat(failure.kind()).isEqualTo(expected);
        assertThat(failure.status()).isEqualTo(((Fault.Status) fault).status());
        assertThat(failure.message()).isEqualTo(((Fault.Status) fault).message());
    }

    @Test
    void rateLimitsCarryRetryAfter() {
        UpstreamFailure failure = failureFor(new Fault.Status(429, "rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit", Map.of("retry-after", "7")));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.code()).isEqualTo("rate_limit_error");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aConnectionClosedBeforeAnAnswerIsAConnectionFailure() {
        assertThat(failureFor(new Fault.CloseBeforeResponse()).kind()).isEqualTo(Kind.CONNECTION);
    }

    @Test
    void aConnectionClosedMidStreamFailsAfterTheTextSoFar() {
        fake.enqueue(Answer.text("one", "two", "three"), new Fault.CloseAfterChunks(4));
        RecordingListener listener = RecordingListener.onEventLoop();

        RecordingListener.Outcome outcome = chatUntilEnd(ask("Hi"), listener);

        assertThat(outcome.failure().kind()).isIn(Kind.CONNECTION, Kind.PROTOCOL);
        assertThat(listener.events(TextDelta.class)).containsExactly(new TextDelta(0, "one"));
    }

    @Test
    void garbageInTheStreamIsAProtocolFailure() {
        assertThat(failureFor(new Fault.GarbageAfterChunks(3)).kind()).isEqualTo(Kind.PROTOCOL);
    }

    @Test
    void anErrorEventInTheStreamIsClassifiedByItsType() {
        UpstreamFailure failure = failureFor(new Fault.ErrorEventAfterChunks(4, "Overloaded"));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.code()).isEqualTo("overloaded_error");
        assertThat(failure.message()).isEqualTo("Overloaded");
    }

    @Test
    void aStreamMissingOnlyMessageStopCompletesBecauseItsStopReasonArrived() {
        fake.enqueue(Answer.text("whole"), new Fault.EndWithoutEndMarker());
        RecordingListener listener = RecordingListener.onEventLoop();

        assertThat(chatUntilEnd(ask("Hi"), listener).completed()).isTrue();
        assertThat(listener.events()).endsWith(new Finish(0, FinishReason.STOP),
                new UsageReport(new Usage(11, 1, false)));
    }

    @Test
    void aStallBeforeTheFirstByteIsLeftToDispatchToTimeOut() {
        fake.enqueue(Answer.text("late"), new Fault.StallBeforeFirstByte(Duration.ofMillis(100)));
        RecordingListener listener = RecordingListener.onEventLoop();

        assertThat(chatUntilEnd(ask("Hi"), listener).completed()).isTrue();
        assertThat(listener.events(TextDelta.class)).containsExactly(new TextDelta(0, "late"));
    }

    @Test
    void cancelMidStreamClosesTheUpstreamAndNothingFollows() throws Exception {
        fake.enqueue(Answer.text("one", "two"), new Fault.StallAfterChunks(4, LONG_STALL));
        RecordingListener listener = RecordingListener.onEventLoop();
        UpstreamCall call = chat(ask("Hi"), listener);
        listener.awaitContent(WAIT);

        context.runOnContext(v -> call.cancel());

        waitUntil(() -> fake.cancelledStreams() == 1, "the fake saw the stream cancelled");
        assertThat(listener.outcomeNow()).as("no listener call after cancel").isNull();
        assertThat(listener.events(TextDelta.class)).containsExactly(new TextDelta(0, "one"));
    }

    @Test
    void cancelWhileTheUpstreamIsSilentClosesItToo() throws Exception {
        fake.enqueue(Answer.text("never"), new Fault.StallBeforeFirstByte(LONG_STALL));
        RecordingListener listener = RecordingListener.onEventLoop();
        UpstreamCall call = chat(ask("Hi"), listener);
        waitUntil(() -> fake.requests().size() == 1, "the fake received the request");

        context.runOnContext(v -> call.cancel());

        waitUntil(() -> fake.cancelledStreams() == 1, "the fake saw the stream cancelled");
        assertThat(listener.outcomeNow()).isNull();
    }

    @Test
    void contentAnthropicCannotTakeFailsWithoutANetworkCall() {
        ChatRequest request = new ChatRequest("claude", List.of(new Message(Role.USER,
                List.of(new ContentPart.Opaque("input_audio", Map.of())), List.of(), null, null)), List.of(), null,
                null, Sampling.NONE, true, false, Map.of());

        RecordingListener.Outcome outcome = chatUntilEnd(request, RecordingListener.onEventLoop());

        assertThat(outcome.failure().kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(outcome.failure().message()).contains("input_audio");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void listsModelsWithTheKeyAndVersion() throws Exception {
        fake.models(List.of("claude-opus-4-1", "claude-haiku-4-5"));

        List<String> models = onLoop(() -> adapter(Secret.of(KEY)).listModels());

        assertThat(models).containsExactly("claude-opus-4-1", "claude-haiku-4-5");
        RecordedRequest sent = fake.requests().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/v1/models");
        assertThat(sent.headers()).containsEntry("x-api-key", KEY).containsEntry("anthropic-version", "2023-06-01");
    }

    @Test
    void listingModelsWithoutAKeyIsRejectedAsABackendMisconfiguration() {
        ExecutionException thrown = catchThrowableOfType(ExecutionException.class,
                () -> onLoop(() -> adapter(null).listModels()));

        assertThat(thrown.getCause()).isInstanceOf(UpstreamException.class);
        UpstreamFailure failure = ((UpstreamException) thrown.getCause()).failure();
        assertThat(failure.kind()).isEqualTo(Kind.BACKEND_REJECTED);
        assertThat(failure.code()).isEqualTo("authentication_error");
    }

    @Test
    void embeddingsAreRejectedBecauseAnthropicHasNoEmbeddingsApi() {
        var request = new EmbeddingRequest("claude", List.of("text"), null, null, Map.of());

        ExecutionException thrown = catchThrowableOfType(ExecutionException.class,
                () -> onLoop(() -> adapter(Secret.of(KEY)).embed(request, "claude-sonnet-4-5")));

        UpstreamFailure failure = ((UpstreamException) thrown.getCause()).failure();
        assertThat(failure.kind()).isEqualTo(Kind.BACKEND_REJECTED);
        assertThat(failure.message()).contains("no embeddings API");
        assertThat(fake.requests()).isEmpty();
    }
}
