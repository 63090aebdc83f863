package dev.hearth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.FakeUpstream;
import dev.hearth.testkit.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the packaged gateway as its own process, with keys required, driven by the official Anthropic Java SDK
 * (what Claude Code and Anthropic SDK users send) and served by two backends of other dialects: a fake
 * OpenAI-compatible server ({@code local-model}) and a fake Ollama ({@code llama3.2}). Every test that concerns
 * answers runs against both.
 */
class AnthropicClientIT {
    private static final String OPENAI_MODEL = "local-model";
    private static final String OLLAMA_MODEL = "llama3.2";

    @TempDir
    static Path dir;

    private static FakeOpenAi openAi;
    private static FakeOllama ollama;
    private static GatewayProcess gateway;
    private static String key;
    private static AnthropicClient client;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        openAi = new FakeOpenAi(OPENAI_MODEL);
        ollama = new FakeOllama();
        Path config = dir.resolve("hearth.yaml");
        Files.writeString(config, """
                server:
                  host: 127.0.0.1
                  port: 0
                backends:
                  - name: workstation
                    protocol: openai
                    base-url: %s
                    location: local
                    models: [%s]
                  - name: ollama
                    protocol: ollama
                    base-url: %s
                    location: local
                    models: [%s]
                discovery:
                  embedded: false
                auth:
                  mode: required
                  key-refresh: 500ms
                failover:
                  max-retries: 0
                """.formatted(openAi.baseUrl(), OPENAI_MODEL, ollama.baseUrl(), OLLAMA_MODEL));
        gateway = new GatewayProcess(config);
        key = createKey(gateway.adminKey());
        client = AnthropicOkHttpClient.builder()
                .baseUrl(base())
                .apiKey(key) // sent as x-api-key, as the SDKs and Claude Code do
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        openAi.close();
        ollama.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.port();
    }

    private static String createKey(String admin) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/admin/keys"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"claude-code\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String issued = Json.read(created.body()).path("key").asText();
        Thread.sleep(1_000); // the key refresh (500 ms) has seen it
        return issued;
    }

    private static FakeUpstream upstreamOf(String model) {
        return model.equals(OLLAMA_MODEL) ? ollama : openAi;
    }

    /** The body the backend received last, on its own chat path. */
    private static JsonNode lastUpstreamBody(String model) {
        String path = model.equals(OLLAMA_MODEL) ? "/api/chat" : "/chat/completions";
        List<RecordedRequest> requests = upstreamOf(model).requests().stream()
                .filter(r -> r.path().endsWith(path)).toList();
        return requests.getLast().body();
    }

    private static MessageCreateParams.Builder hello(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("Say hello");
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .addRequired("city").build())
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI_MODEL, OLLAMA_MODEL})
    void aWholeMessage(String model) {
        upstreamOf(model).enqueue(Answer.text("Hello", ", world"));
        Message message = client.messages().create(hello(model).system("Be friendly.").build());
        assertThat(message.content()).singleElement()
                .satisfies(block -> assertThat(block.text().orElseThrow().text()).isEqualTo("Hello, world"));
        assertThat(message.model().asString()).isEqualTo(model);
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(lastUpstreamBody(model).toString()).contains("Be friendly.");
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI_MODEL, OLLAMA_MODEL})
    void aStreamWithTheFullEventSequence(String model) {
        upstreamOf(model).enqueue(Answer.text("one", " two", " three"));
        List<String> kinds = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(model).build())) {
            stream.stream().forEach(event -> {
                kinds.add(kind(event));
                accumulator.accumulate(event);
            });
        }
        assertThat(kinds).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        Message message = accumulator.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("one two three");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
    }

    /** The SDK hides {@code ping}; the wire is checked for it, framed with {@code event:} lines, in order. */
    @ParameterizedTest
    @ValueSource(strings = {OPENAI_MODEL, OLLAMA_MODEL})
    void theWireStreamCarriesAPingAfterMessageStart(String model) throws Exception {
        upstreamOf(model).enqueue(Answer.text("hi"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","max_tokens":64,"stream":true,
                         "messages":[{"role":"user","content":"Hi"}]}""".formatted(model)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^event: (\\S+)$").matcher(response.body());
        while (matcher.find()) {
            events.add(matcher.group(1));
        }
        assertThat(events).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
    }

    @ParameterizedTest
    @ValueSource(strings = {OPENAI_MODEL, OLLAMA_MODEL})
    void toolUseThenToolResultRoundTrip(String model) {
        upstreamOf(model).enqueue(Answer.toolCall("call_7", "get_weather", "{\"city\":\"Oslo\"}"));
        MessageCreateParams.Builder first = hello(model).addTool(weatherTool());
        Message asked = client.messages().create(first.build());
        ToolUseBlock call = asked.content().getFirst().toolUse().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call._input().toString()).contains("Oslo");
        assertThat(asked.stopReason()).hasValue(StopReason.TOOL_USE);

        upstreamOf(model).enqueue(Answer.text("It is 18°C in Oslo."));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(model)
                .addTool(weatherTool())
                .addMessage(asked)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(call.id()).content("18°C").build())))
                .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().content().getFirst().text().orElseThrow().text())
                .isEqualTo("It is 18°C in Oslo.");

        JsonNode sent = lastUpstreamBody(model);
        JsonNode toolTurn = null;
        JsonNode assistantTurn = null;
        for (JsonNode message : sent.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                toolTurn = message;
            }
            if (message.path("role").asText().equals("assistant")) {
                assistantTurn = message;
            }
        }
        assertThat(toolTurn).as("the tool_result reaches the backend as its own tool message: " + sent).isNotNull();
        assertThat(toolTurn.toString()).contains("18°C");
        assertThat(assistantTurn).as("the tool_use goes back as the assistant's tool call: " + sent).isNotNull();
        assertThat(assistantTurn.toString()).contains("get_weather").contains("Oslo");
        if (model.equals(OPENAI_MODEL)) {
            assertThat(toolTurn.path("tool_call_id").asText()).isEqualTo(call.id());
        }
    }

    /** What Claude Code actually sends: beta query and headers, cache_control marks, thinking on, a system array. */
    @ParameterizedTest
    @ValueSource(strings = {OPENAI_MODEL, OLLAMA_MODEL})
    void claudeCodesRequestShapeIsServed(String model) throws Exception {
        upstreamOf(model).enqueue(Answer.text("Done."));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages?beta=true"))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","max_tokens":32000,"stream":true,
                         "thinking":{"type":"enabled","budget_tokens":31999},
                         "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
                         "tools":[{"name":"Bash","description":"Run a command","input_schema":{"type":"object",
                           "properties":{"command":{"type":"string"}},"required":["command"]},
                           "cache_control":{"type":"ephemeral"}}],
                         "metadata":{"user_id":"user_abc"},
                         "messages":[{"role":"user","content":[{"type":"text","text":"List the files",
                           "cache_control":{"type":"ephemeral"}}]}]}""".formatted(model)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"text\":\"Done.\"").contains("event: message_stop");
        JsonNode sent = lastUpstreamBody(model);
        assertThat(sent.toString()).contains("You are Claude Code.").contains("Bash").doesNotContain("cache_control");
    }

    @Test
    void countTokens() {
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model(OLLAMA_MODEL)
                .addUserMessage("How many tokens is this sentence?").build()).inputTokens();
        assertThat(tokens).isBetween(5L, 30L);
    }

    @Test
    void bearerAuthenticationWorksToo() {
        openAi.enqueue(Answer.text("bearer"));
        AnthropicClient bearer = AnthropicOkHttpClient.builder().baseUrl(base()).authToken(key).maxRetries(0)
                .build();
        try {
            Message message = bearer.messages().create(hello(OPENAI_MODEL).build());
            assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("bearer");
        } finally {
            bearer.close();
        }
    }

    @Test
    void aWrongKeyIsRefusedInAnthropicsShapeAndNothingReachesABackend() throws Exception {
        int before = openAi.requests().size() + ollama.requests().size();
        AnthropicClient stranger = AnthropicOkHttpClient.builder().baseUrl(base())
                .apiKey("hrth_not_a_key_this_gateway_issued").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> stranger.messages().create(hello(OPENAI_MODEL).build()))
                    .isInstanceOf(UnauthorizedException.class);
        } finally {
            stranger.close();
        }
        HttpResponse<String> raw = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"local-model\",\"max_tokens\":8,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(401);
        JsonNode error = Json.read(raw.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(raw.body()).doesNotContain("hrth_not_a_key");
        assertThat(openAi.requests().size() + ollama.requests().size()).isEqualTo(before);
    }

    @Test
    void errorsReachTheSdkAsTypedExceptions() {
        assertThatThrownBy(() -> client.messages().create(hello("claude-nowhere").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("claude-nowhere");
                    assertThat(e.requestId()).isPresent();
                });
        assertThatThrownBy(() -> client.messages().create(hello(OLLAMA_MODEL)
                .putAdditionalBodyProperty("temperature", JsonValue.from(1.5)).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("temperature"));
    }

    private static String kind(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        } else if (event.isContentBlockStart()) {
            return "content_block_start";
        } else if (event.isContentBlockDelta()) {
            return "content_block_delta";
        } else if (event.isContentBlockStop()) {
            return "content_block_stop";
        } else if (event.isMessageDelta()) {
            return "message_delta";
        } else if (event.isMessageStop()) {
            return "message_stop";
        }
        return "unknown";
    }
}
