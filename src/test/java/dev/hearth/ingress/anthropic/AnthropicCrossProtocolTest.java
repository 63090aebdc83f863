package dev.hearth.ingress.anthropic;

import static dev.hearth.ingress.anthropic.AnthropicApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.FakeUpstream;
import dev.hearth.testkit.RecordedRequest;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Anthropic client served by every backend protocol Hearth speaks (OpenAI-compatible, Ollama, Anthropic), each
 * behind its fake upstream: text with usage, streamed tool calls with their input, and the request each backend got.
 */
class AnthropicCrossProtocolTest {
    private static FakeOpenAi openAi;
    private static FakeOllama ollama;
    private static FakeAnthropic anthropic;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAi("gpt-4o-mini");
        ollama = new FakeOllama().models("qwen2.5-coder:7b");
        anthropic = FakeAnthropic.start();
        gateway = TestGateway.builder()
                .openAi("openai", openAi, "gpt-4o-mini")
                .backend("ollama", Protocol.OLLAMA, ollama, Locality.LOCAL, "qwen2.5-coder:7b")
                .backend(new BackendConfig("claude", Protocol.ANTHROPIC, anthropic.baseUrl(),
                        Secret.of("sk-ant-test"), Locality.CLOUD, List.of("claude-sonnet-4-5"), 0))
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openAi.close();
        ollama.close();
        anthropic.close();
    }

    private static FakeUpstream upstream(String model) {
        return switch (model) {
            case "gpt-4o-mini" -> openAi;
            case "qwen2.5-coder:7b" -> ollama;
            default -> anthropic;
        };
    }

    private static HttpResponse<String> post(String body) {
        return gateway.post("/v1/messages", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "qwen2.5-coder:7b", "claude-sonnet-4-5"})
    void aWholeAnswerCarriesTheBackendsTextAndUsage(String model) {
        upstream(model).enqueue(new Answer(List.of("Bonjour", " !"), List.of(), 21, 3, "stop"));
        HttpResponse<String> response = post("""
                {"model":"%s","max_tokens":50,"system":"Answer in French.",
                 "messages":[{"role":"user","content":"Hello"}]}""".formatted(model));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("model").asText()).isEqualTo(model);
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Bonjour !");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(21);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "qwen2.5-coder:7b", "claude-sonnet-4-5"})
    void aStreamedToolCallReachesTheAnthropicClientWithItsInputAndUsage(String model) {
        upstream(model).enqueue(Answer.toolCall("call_9", "read_file", "{\"path\":\"README.md\",\"lines\":40}"));
        HttpResponse<String> response = post("""
                {"model":"%s","max_tokens":200,"stream":true,
                 "messages":[{"role":"user","content":"open the readme"}],
                 "tools":[{"name":"read_file","description":"Read a file",
                   "input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}]}""".formatted(model));
        List<SseReader.Event> events = SseReader.events(response.body());
        assertThat(events.getFirst().name()).isEqualTo("message_start");
        assertThat(events.getLast().name()).isEqualTo("message_stop");
        JsonNode block = null;
        StringBuilder input = new StringBuilder();
        JsonNode delta = null;
        JsonNode start = null;
        for (SseReader.Event event : events) {
            JsonNode data = json(event.data());
            switch (event.name()) {
                case "message_start" -> start = data;
                case "content_block_start" -> block = data.path("content_block");
                case "content_block_delta" -> input.append(data.at("/delta/partial_json").asText(""));
                case "message_delta" -> delta = data;
                default -> { }
            }
        }
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("name").asText()).isEqualTo("read_file");
        assertThat(block.path("id").asText()).isNotBlank();
        JsonNode parsed = json(input.toString());
        assertThat(parsed.path("path").asText()).isEqualTo("README.md");
        assertThat(parsed.path("lines").asInt()).isEqualTo(40);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        // Re-encoded streams repeat the input count in message_delta; an Anthropic backend's relayed stream has it
        // in message_start only, as the API itself does. The SDKs' accumulators read either.
        JsonNode inputTokens = delta.at("/usage/input_tokens").isMissingNode()
                ? start.at("/message/usage/input_tokens") : delta.at("/usage/input_tokens");
        assertThat(inputTokens.asInt()).isEqualTo(20);
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void eachBackendReceivesTheToolsAndTheToolRoundTripInItsOwnProtocol() {
        String body = """
                {"model":"%s","max_tokens":100,"system":[{"type":"text","text":"Be brief."}],
                 "tools":[{"name":"lookup","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto"},
                 "messages":[{"role":"user","content":"find hearth"},
                   {"role":"assistant","content":[
                     {"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"h"}}]},
                   {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_1","content":"a gateway"}]}]}""";
        for (String model : List.of("gpt-4o-mini", "qwen2.5-coder:7b", "claude-sonnet-4-5")) {
            upstream(model).enqueue(Answer.text("done"));
            assertThat(post(body.formatted(model)).statusCode()).isEqualTo(200);
        }
        JsonNode toOpenAi = last(openAi.requests(), "/chat/completions");
        assertThat(toOpenAi.at("/tools/0/function/name").asText()).isEqualTo("lookup");
        assertThat(toOpenAi.at("/messages/3/tool_call_id").asText()).isEqualTo("toolu_1");
        JsonNode toOllama = last(ollama.requests(), "/api/chat");
        assertThat(toOllama.at("/tools/0/function/name").asText()).isEqualTo("lookup");
        assertThat(toOllama.at("/messages/3/role").asText()).isEqualTo("tool");
        assertThat(toOllama.at("/messages/3/content").asText()).isEqualTo("a gateway");
        JsonNode toAnthropic = last(anthropic.requests(), "/v1/messages");
        assertThat(toAnthropic.path("system").asText()).isEqualTo("Be brief.");
        assertThat(toAnthropic.at("/tools/0/name").asText()).isEqualTo("lookup");
        assertThat(toAnthropic.at("/tool_choice/type").asText()).isEqualTo("auto");
        assertThat(toAnthropic.at("/messages/1/content/0/input/q").asText()).isEqualTo("h");
        assertThat(toAnthropic.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(toAnthropic.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_1");
        assertThat(toAnthropic.path("max_tokens").asInt()).isEqualTo(100);
    }

    private static JsonNode last(List<RecordedRequest> requests, String path) {
        return requests.stream().filter(r -> r.path().endsWith(path)).toList().getLast().body();
    }
}
