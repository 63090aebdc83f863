package dev.hearth.provider.ollama;

import static dev.hearth.provider.ollama.AdapterHarness.backend;
import static dev.hearth.provider.ollama.AdapterHarness.failureOf;
import static dev.hearth.provider.ollama.AdapterHarness.request;
import static dev.hearth.provider.ollama.AdapterHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.StreamEvent.Finish;
import dev.hearth.model.StreamEvent.TextDelta;
import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamFailure.Kind;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.Fault;
import dev.hearth.tokens.TokenCounter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What goes wrong upstream, and how the adapter classifies it and lets go of the connection. */
class OllamaAdapterFaultTest {
    private static final TokenCounter TOKENS = new TokenCounter();
    private static AdapterHarness harness;

    private FakeOllama ollama;
    private OllamaAdapter adapter;

    @BeforeAll
    static void startHarness() {
        harness = new AdapterHarness();
    }

    @AfterAll
    static void stopHarness() {
        harness.close();
    }

    @BeforeEach
    void startOllama() {
        ollama = new FakeOllama();
        adapter = new OllamaAdapter(harness.client(), backend(ollama.baseUrl(), null), TOKENS);
    }

    @AfterEach
    void stopOllama() {
        ollama.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.status(500, "llama runner process has terminated"), List.of(Kind.SERVER_ERROR)),
                Arguments.of(new Fault.Status(429, null, "server busy, please try again", Map.of("Retry-After", "7")),
                        List.of(Kind.RATE_LIMITED)),
                Arguments.of(Fault.status(404, "model \"llama3.2\" not found, try pulling it first"),
                        List.of(Kind.BACKEND_REJECTED)),
                Arguments.of(Fault.status(400, "the input length exceeds the context length"),
                        List.of(Kind.CONTEXT_LENGTH)),
                Arguments.of(Fault.status(400, "invalid options: num_gpu must be a number"), List.of(Kind.BAD_REQUEST)),
                Arguments.of(new Fault.CloseBeforeResponse(), List.of(Kind.CONNECTION)),
                Arguments.of(new Fault.CloseAfterChunks(1), List.of(Kind.CONNECTION, Kind.PROTOCOL)),
                Arguments.of(new Fault.GarbageAfterChunks(1), List.of(Kind.PROTOCOL)),
                Arguments.of(new Fault.EndWithoutEndMarker(), List.of(Kind.PROTOCOL)),
                Arguments.of(new Fault.ErrorEventAfterChunks(1, "out of memory"), List.of(Kind.SERVER_ERROR)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("faults")
    void eachFaultFailsTheAttemptWithItsClassification(Fault fault, List<Kind> expected) {
        ollama.enqueue(Answer.text("one", " two", " three"), fault);

        RecordingListener listener = harness.chat(adapter, request("Hi"));
        UpstreamFailure failure = listener.awaitFailure();

        assertThat(failure.kind()).isIn(expected);
        List<String> before = listener.events(TextDelta.class).stream().map(TextDelta::text).toList();
        switch (fault) {
            case Fault.Status status -> {
                assertThat(failure.status()).isEqualTo(status.status());
                assertThat(failure.message()).isEqualTo(status.message());
                assertThat(before).isEmpty();
            }
            case Fault.EndWithoutEndMarker end -> assertThat(before).containsExactly("one", " two", " three");
            case Fault.CloseBeforeResponse close -> assertThat(before).isEmpty();
            default -> assertThat(before).as("the chunk sent before the fault").containsExactly("one");
        }
        assertThat(listener.events(Finish.class)).isEmpty();
    }

    @Test
    void rateLimitingCarriesTheRetryAfterDelay() {
        ollama.enqueue(Answer.text("x"), new Fault.Status(429, null, "busy", Map.of("Retry-After", "7")));

        UpstreamFailure failure = harness.chat(adapter, request("Hi")).awaitFailure();

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anUninstalledModelIsABackendMisconfiguration() {
        RecordingListener listener = new RecordingListener();
        harness.onContext(() -> adapter.streamChat(request("Hi"), "mistral", listener));

        UpstreamFailure failure = listener.awaitFailure();

        assertThat(failure.kind()).isEqualTo(Kind.BACKEND_REJECTED);
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.message()).contains("mistral", "not found");
    }

    @Test
    void aStallBeforeTheFirstByteIsLeftToDispatchAndTheAnswerStillArrives() {
        ollama.enqueue(Answer.text("late"), new Fault.StallBeforeFirstByte(Duration.ofMillis(50)));

        RecordingListener listener = harness.chat(adapter, request("Hi"));

        listener.awaitCompletion();
        assertThat(listener.events(TextDelta.class)).containsExactly(new TextDelta(0, "late"));
    }

    @Test
    void cancelClosesTheUpstreamConnectionAndSilencesTheListener() {
        ollama.enqueue(Answer.text("first", " never"), new Fault.StallAfterChunks(1, Duration.ofSeconds(30)));
        RecordingListener listener = new RecordingListener();
        UpstreamCall call = harness.onContext(() -> adapter.streamChat(request("Hi"), "llama3.2", listener));
        assertThat(listener.awaitFirstContent()).isEqualTo(new TextDelta(0, "first"));

        harness.onContext(() -> {
            call.cancel();
            return null;
        });

        waitUntil(() -> ollama.cancelledStreams() == 1, "the fake saw the stream cancelled");
        harness.drain();
        assertThat(listener.terminalCalls()).isZero();
        assertThat(listener.events()).containsExactly(new TextDelta(0, "first"));
    }

    @Test
    void cancellingARefusedAttemptBeforeItsReportSilencesIt() {
        ChatRequest remoteImage = new ChatRequest("local",
                List.of(new Message(Role.USER,
                        List.of(new ContentPart.Image("https://example.com/a.png", null)),
                        List.of(), null, null)),
                List.of(), null, null, Sampling.NONE, true, false, Map.of());
        RecordingListener listener = new RecordingListener();

        harness.onContext(() -> {
            adapter.streamChat(remoteImage, "llama3.2", listener).cancel();
            return null;
        });
        harness.drain();

        assertThat(listener.terminalCalls()).isZero();
    }

    @Test
    void anUnreachableServerIsAConnectionFailure() {
        URI gone = ollama.baseUrl();
        ollama.close();
        adapter = new OllamaAdapter(harness.client(), backend(gone, null), TOKENS);

        assertThat(harness.chat(adapter, request("Hi")).awaitFailure().kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failureOf(harness.onContext(adapter::listModels)).kind()).isEqualTo(Kind.CONNECTION);
        ollama = new FakeOllama();
    }
}
