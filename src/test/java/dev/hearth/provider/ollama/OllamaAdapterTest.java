package dev.hearth.provider.ollama;

import static dev.hearth.provider.ollama.AdapterHarness.await;
import static dev.hearth.provider.ollama.AdapterHarness.backend;
import static dev.hearth.provider.ollama.AdapterHarness.failureOf;
import static dev.hearth.provider.ollama.AdapterHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.Secret;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.EmbeddingRequest;
import dev.hearth.model.EmbeddingResponse;
import dev.hearth.model.FinishReason;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.StreamEvent.Finish;
import dev.hearth.model.StreamEvent.TextDelta;
import dev.hearth.model.StreamEvent.ToolCallDelta;
import dev.hearth.model.StreamEvent.UsageReport;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamFailure.Kind;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.RecordedRequest;
import dev.hearth.tokens.TokenCounter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers that go right, against {@link FakeOllama} over real sockets, called from a Vert.x event loop. */
class OllamaAdapterTest {
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

    @Test
    void streamsTextAsDeltasThenFinishAndUsageOnTheCallersEventLoop() {
        ollama.enqueue(Answer.text("Bonjour", " le", " monde"));

        RecordingListener listener = harness.chat(adapter, request("Say hello"));

        listener.awaitCompletion();
        assertThat(listener.events()).containsExactly(
                new TextDelta(0, "Bonjour"), new TextDelta(0, " le"), new TextDelta(0, " monde"),
                new Finish(0, FinishReason.STOP), new UsageReport(new Usage(11, 3, false)));
        Thread loop = harness.onContext(Thread::currentThread);
        assertThat(listener.threads()).containsExactly(loop);
    }

    @Test
    void sendsAStreamingChatWithTheModelAndAContextWindow() {
        harness.chat(adapter, request("Hi")).awaitCompletion();

        RecordedRequest sent = ollama.requests("/api/chat").getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.headers()).containsEntry("accept", "application/x-ndjson").doesNotContainKey("authorization");
        assertThat(sent.body().path("model").asText()).isEqualTo("llama3.2");
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
        assertThat(sent.body().at("/options/num_ctx").asInt()).isEqualTo(4096);
        assertThat(sent.body().at("/messages/0/content").asText()).isEqualTo("Hi");
    }

    @Test
    void aConfiguredKeyIsSentAsABearerToken() {
        adapter = new OllamaAdapter(harness.client(), backend(ollama.baseUrl(), Secret.of("sk-proxy")), TOKENS);

        harness.chat(adapter, request("Hi")).awaitCompletion();

        assertThat(ollama.requests().getFirst().headers()).containsEntry("authorization", "Bearer sk-proxy");
    }

    @Test
    void aToolCallArrivesCompleteWithItsIdAndFinishesWithToolCalls() {
        ollama.enqueue(Answer.toolCall("call_abc", "get_weather", "{\"city\":\"Paris\"}"));
        ollama.enqueue(Answer.toolCall(null, "get_time", "{}"));

        RecordingListener first = harness.chat(adapter, request("Weather?"));
        first.awaitCompletion();
        RecordingListener second = harness.chat(adapter, request("Time?"));
        second.awaitCompletion();

        assertThat(first.events(ToolCallDelta.class)).containsExactly(
                new ToolCallDelta(0, 0, "call_abc", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(first.events(Finish.class)).containsExactly(new Finish(0, FinishReason.TOOL_CALLS));
        assertThat(first.events(UsageReport.class)).containsExactly(new UsageReport(new Usage(20, 9, false)));
        assertThat(second.events(ToolCallDelta.class)).singleElement()
                .satisfies(call -> assertThat(call.id()).startsWith("call_").hasSize(29));
    }

    @Test
    void aRemoteImageIsRefusedWithoutANetworkCall() {
        ChatRequest request = new ChatRequest("local", List.of(new Message(Role.USER,
                List.of(new ContentPart.Image("https://example.com/cat.png", null)), List.of(), null, null)),
                List.of(), null, null, Sampling.NONE, true, false, Map.of());

        RecordingListener listener = harness.chat(adapter, request);
        UpstreamFailure failure = listener.awaitFailure();

        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(ollama.requests()).isEmpty();
        assertThat(listener.threads()).containsExactly(harness.onContext(Thread::currentThread));
    }

    @Test
    void embedsEveryInputInOrder() {
        EmbeddingRequest request = new EmbeddingRequest("embed", List.of("first text", "second one here"), null, 16,
                Map.of("keep_alive", "1m"));

        EmbeddingResponse response = await(harness.onContext(() -> adapter.embed(request, "nomic-embed-text")));

        assertThat(response.vectors()).hasSize(2).allSatisfy(vector -> assertThat(vector).hasSize(16));
        assertThat(response.vectors().get(0)).isNotEqualTo(response.vectors().get(1));
        assertThat(response.promptTokens()).isEqualTo(5);
        RecordedRequest sent = ollama.requests("/api/embed").getFirst();
        assertThat(sent.body().path("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(sent.body().path("input")).hasSize(2);
        assertThat(sent.body().path("dimensions").asInt()).isEqualTo(16);
        assertThat(sent.body().path("keep_alive").asText()).isEqualTo("1m");
    }

    @Test
    void embeddingWithAnUninstalledModelFailsClassified() {
        EmbeddingRequest request = new EmbeddingRequest("embed", List.of("x"), null, null, Map.of());

        UpstreamFailure failure = failureOf(harness.onContext(() -> adapter.embed(request, "bge-m3")));

        assertThat(failure.kind()).isEqualTo(Kind.BACKEND_REJECTED);
        assertThat(failure.message()).contains("bge-m3");
    }

    @Test
    void listsInstalledModelsAndThoseLoadedInMemory() {
        ollama.models("llama3.2", "qwen3:8b").load("qwen3:8b");

        assertThat(await(harness.onContext(adapter::listModels))).containsExactly("llama3.2:latest", "qwen3:8b");
        assertThat(await(harness.onContext(adapter::loadedModels))).containsExactly("qwen3:8b");

        harness.chat(adapter, request("Hi")).awaitCompletion();
        assertThat(await(harness.onContext(adapter::loadedModels))).containsExactly("qwen3:8b", "llama3.2:latest");
    }
}
