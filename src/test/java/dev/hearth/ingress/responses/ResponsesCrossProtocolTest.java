package dev.hearth.ingress.responses;

import static dev.hearth.ingress.responses.ResponseEventsReader.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.ingress.responses.ResponseEventsReader.Event;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Responses API client served by Anthropic and Ollama backends: instructions, function tools, tool results,
 * streaming and usage translated both ways.
 */
class ResponsesCrossProtocolTest {
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

    private static List<Event> stream(String body) {
        HttpResponse<String> response = gateway.post("/v1/responses", body);
        assertThat(response.statusCode()).isEqualTo(200);
        return ResponseEventsReader.read(response.body());
    }

    @Test
    void anthropicStreamsAFunctionCallToAResponsesClientWithUsage() {
        anthropic.enqueue(new Answer(List.of(), List.of(new Answer.ToolCallSpec("toolu_1", "search",
                "{\"q\":\"hearth gateway\"}")), 31, 12, "tool_calls"));
        List<Event> events = stream("""
                {"model":"claude-sonnet-4-5","stream":true,"instructions":"Use tools.","input":"find it",
                 "max_output_tokens":256,"parallel_tool_calls":false,"tool_choice":{"type":"function","name":"search"},
                 "tools":[{"type":"function","name":"search","parameters":{"type":"object"}}]}""");
        assertThat(types(events)).startsWith("response.created", "response.in_progress",
                "response.output_item.added").contains("response.function_call_arguments.delta")
                .endsWith("response.function_call_arguments.done", "response.output_item.done", "response.completed");
        JsonNode call = events.stream().filter(e -> e.type().equals("response.output_item.done")).findFirst()
                .orElseThrow().data().path("item");
        assertThat(call.path("call_id").asText()).isEqualTo("toolu_1");
        assertThat(call.path("name").asText()).isEqualTo("search");
        assertThat(ResponsesApiTest.json(call.path("arguments").asText()).path("q").asText())
                .isEqualTo("hearth gateway");
        JsonNode response = events.getLast().data().path("response");
        assertThat(response.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(response.at("/usage/input_tokens").asInt()).isEqualTo(31);
        assertThat(response.at("/usage/output_tokens").asInt()).isEqualTo(12);

        JsonNode sent = anthropic.requests().getLast().body();
        assertThat(sent.path("system").toString()).contains("Use tools.");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(sent.at("/tools/0/name").asText()).isEqualTo("search");
        assertThat(sent.at("/tools/0/input_schema/type").asText()).isEqualTo("object");
        assertThat(sent.at("/tool_choice/type").asText()).isEqualTo("tool");
        assertThat(sent.at("/tool_choice/name").asText()).isEqualTo("search");
        assertThat(sent.at("/tool_choice/disable_parallel_tool_use").asBoolean()).isTrue();
    }

    @Test
    void aFunctionCallOutputReachesAnthropicAsAToolResultAndTheAnswerComesBackAsOneObject() {
        anthropic.enqueue(new Answer(List.of("It is ", "raining."), List.of(), 40, 4, "stop"));
        HttpResponse<String> response = gateway.post("/v1/responses", """
                {"model":"claude-sonnet-4-5","input":[
                  {"role":"user","content":"weather in Oslo?"},
                  {"type":"function_call","call_id":"toolu_7","name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"},
                  {"type":"function_call_output","call_id":"toolu_7","output":"rain, 9 C"}],
                 "tools":[{"type":"function","name":"weather","parameters":{"type":"object"}}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ResponsesApiTest.json(response.body());
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("It is raining.");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(44);
        JsonNode messages = anthropic.requests().getLast().body().path("messages");
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(messages.at("/1/content/0/id").asText()).isEqualTo("toolu_7");
        assertThat(messages.at("/2/role").asText()).isEqualTo("user");
        assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(messages.at("/2/content/0/tool_use_id").asText()).isEqualTo("toolu_7");
    }

    @Test
    void ollamaStreamsTextAndAFunctionCallToAResponsesClientWithUsage() {
        ollama.enqueue(new Answer(List.of("Opening", " it."), List.of(new Answer.ToolCallSpec("call_9", "read_file",
                "{\"path\":\"README.md\"}")), 17, 6, "tool_calls"));
        List<Event> events = stream("""
                {"model":"qwen2.5-coder:7b","stream":true,"input":"open the readme",
                 "tools":[{"type":"function","name":"read_file","parameters":{"type":"object"}}]}""");
        assertThat(types(events)).startsWith("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added").endsWith("response.completed");
        JsonNode output = events.getLast().data().at("/response/output");
        assertThat(output).hasSize(2);
        assertThat(output.at("/0/content/0/text").asText()).isEqualTo("Opening it.");
        assertThat(output.at("/1/type").asText()).isEqualTo("function_call");
        assertThat(output.at("/1/name").asText()).isEqualTo("read_file");
        assertThat(ResponsesApiTest.json(output.at("/1/arguments").asText()).path("path").asText())
                .isEqualTo("README.md");
        JsonNode usage = events.getLast().data().at("/response/usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(17);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(6);
        JsonNode sent = ollama.requests().getLast().body();
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("read_file");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("open the readme");
    }

    @Test
    void ollamaCutByTheTokenLimitIsAnIncompleteResponse() {
        ollama.enqueue(new Answer(List.of("Once", " upon"), List.of(), 9, 2, "length"));
        JsonNode body = ResponsesApiTest.json(gateway.post("/v1/responses", """
                {"model":"qwen2.5-coder:7b","input":"a story","max_output_tokens":2}""").body());
        assertThat(body.path("status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(ollama.requests().getLast().body().at("/options/num_predict").asInt()).isEqualTo(2);
    }
}
