package dev.hearth.ingress.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI client served by Anthropic and Ollama backends: text, tools, streaming and usage translated both ways.
 */
class CrossProtocolTest {
    private static FakeAnthropic anthropic;
    private static FakeOllama ollama;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        anthropic = FakeAnthropic.start();
        ollama = new FakeOllama().models("qwen2.5-coder:7b");
        gateway = TestGateway.builder()
                .backend("ollama", Protocol.OLLAMA, ollama, Locality.LOCAL, "qwen2.5-coder:7b")
                .backend(new BackendConfig("claude", Protocol.ANTHROPIC, anthropic.baseUrl(),
                        Secret.of("sk-ant-test"), Locality.CLOUD, List.of("claude-sonnet-4-5"), 0))
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        anthropic.close();
        ollama.close();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.read(text);
    }

    @Test
    void anOpenAiChatIsAnsweredByAnthropicWithUsage() throws Exception {
        anthropic.enqueue(new Answer(List.of("Bonjour", " !"), List.of(), 21, 3, "stop"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","max_tokens":50,
                 "messages":[{"role":"system","content":"Answer in French."},{"role":"user","content":"Hello"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Bonjour !");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(21);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(response.headers().firstValue("x-hearth-locality")).hasValue("cloud");
        JsonNode sent = anthropic.requests().getLast().body();
        assertThat(sent.path("system").toString()).contains("Answer in French.");
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void aStreamedToolCallFromAnthropicReachesTheOpenAiClientAsDeltas() throws Exception {
        anthropic.enqueue(Answer.toolCall("toolu_1", "search", "{\"q\":\"hearth gateway\"}"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"find it"}],
                 "tools":[{"type":"function","function":{"name":"search","parameters":{"type":"object"}}}]}""");
        List<String> events = SseReader.data(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        StringBuilder args = new StringBuilder();
        String name = null;
        String finish = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode choice = json(event).at("/choices/0");
            JsonNode call = choice.at("/delta/tool_calls/0");
            if (call.has("id")) {
                assertThat(call.path("id").asText()).isEqualTo("toolu_1");
                name = call.at("/function/name").asText();
            }
            args.append(call.at("/function/arguments").asText(""));
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.path("finish_reason").asText();
            }
        }
        assertThat(name).isEqualTo("search");
        assertThat(json(args.toString()).path("q").asText()).isEqualTo("hearth gateway");
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(anthropic.requests().getLast().body().at("/tools/0/input_schema/type").asText()).isEqualTo("object");
    }

    @Test
    void anOllamaModelStreamsToAnOpenAiClientAsSseWithToolCalls() throws Exception {
        ollama.enqueue(Answer.toolCall("call_9", "read_file", "{\"path\":\"README.md\"}"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"qwen2.5-coder:7b","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"open the readme"}],
                 "tools":[{"type":"function","function":{"name":"read_file","parameters":{"type":"object"}}}]}""");
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> events = SseReader.data(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        JsonNode call = null;
        JsonNode usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = json(event);
            if (!chunk.at("/choices/0/delta/tool_calls/0").isMissingNode()) {
                call = chunk.at("/choices/0/delta/tool_calls/0");
            }
            if (chunk.hasNonNull("usage")) {
                usage = chunk.path("usage");
            }
        }
        assertThat(call).isNotNull();
        assertThat(call.at("/function/name").asText()).isEqualTo("read_file");
        assertThat(json(call.at("/function/arguments").asText()).path("path").asText()).isEqualTo("README.md");
        assertThat(usage.path("prompt_tokens").asInt()).isPositive();
        JsonNode sent = ollama.requests().getLast().body();
        assertThat(sent.at("/options/num_ctx").asInt()).isGreaterThanOrEqualTo(4096);
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("read_file");
    }
}
