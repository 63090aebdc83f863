package dev.hearth.ingress.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import dev.hearth.config.FailoverConfig;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.TestGateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end with the official Anthropic Java SDK (test scope) against Hearth in-process, in front of a fake
 * OpenAI-compatible upstream: whole and streamed messages (the SDK's own accumulator), tool use, token counting, and
 * errors as the SDK's typed exceptions.
 */
class AnthropicSdkTest {
    private static FakeOpenAi upstream;
    private static TestGateway gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model")
                .failover(new FailoverConfig(0, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(3), 50, 1000,
                        Duration.ofSeconds(30)))
                .start();
        client = AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + gateway.port())
                .apiKey("sk-ant-not-checked-yet")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static MessageCreateParams.Builder hello() {
        return MessageCreateParams.builder().model("local-model").maxTokens(256).addUserMessage("Say hello");
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .addRequired("city").build())
                .build();
    }

    @Test
    void aMessageThroughTheSdk() {
        upstream.enqueue(Answer.text("Hello", ", world"));
        Message message = client.messages().create(hello().system("Be friendly.").build());
        assertThat(message.content()).singleElement()
                .satisfies(block -> assertThat(block.text().orElseThrow().text()).isEqualTo("Hello, world"));
        assertThat(message.model().asString()).isEqualTo("local-model");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(11);
        assertThat(message.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void aStreamAccumulatedByTheSdk() {
        upstream.enqueue(Answer.text("one", " two", " three"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("one two three");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
        assertThat(message.usage().inputTokens()).as("message_delta's count replaces message_start's estimate")
                .isEqualTo(11);
    }

    @Test
    void toolUseThroughTheSdkWholeAndStreamed() {
        upstream.enqueue(Answer.toolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}"));
        Message whole = client.messages().create(hello().addTool(weatherTool()).build());
        upstream.enqueue(Answer.toolCall("call_8", "get_weather", "{\"city\":\"Bergen\"}"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(hello().addTool(weatherTool()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();
        for (Message message : new Message[] {whole, streamed}) {
            ToolUseBlock call = message.content().getFirst().toolUse().orElseThrow();
            assertThat(call.id()).startsWith("call_");
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call._input().toString()).contains("city");
            assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        }
        assertThat(whole.content().getFirst().toolUse().orElseThrow()._input().toString()).contains("Oslo");
        assertThat(streamed.content().getFirst().toolUse().orElseThrow()._input().toString()).contains("Bergen");
        assertThat(upstream.requestsTo("/chat/completions").getLast().body().at("/tools/0/function/name").asText())
                .isEqualTo("get_weather");
    }

    @Test
    void tokenCountingThroughTheSdk() {
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model("local-model")
                .addUserMessage("How many tokens is this sentence?").build()).inputTokens();
        assertThat(tokens).isBetween(5L, 30L);
    }

    @Test
    void errorsReachTheSdkAsTypedExceptionsWithTheRequestId() {
        assertThatThrownBy(() -> client.messages().create(hello().model("claude-nowhere").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.requestId()).isPresent();
                    assertThat(e.getMessage()).contains("claude-nowhere");
                });
        // This SDK version has no temperature setter (newer models dropped it); the wire field still exists.
        assertThatThrownBy(() -> client.messages().create(hello()
                .putAdditionalBodyProperty("temperature", JsonValue.from(1.5)).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("temperature"));
    }

    @Test
    void aStreamThatBreaksAfterItsFirstWordsIsAnErrorNotATruncatedAnswer() {
        upstream.enqueue(Answer.text("partial", " lost"), new Fault.CloseAfterChunks(2));
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello().build())) {
                stream.stream().forEach(event -> { });
            }
        }).isInstanceOf(AnthropicException.class).hasMessageContaining("incomplete");
    }
}
