package dev.hearth.ingress.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic dialect on a real socket: whole answers, what reaches the backend, token counting, keys and headers,
 * and every refusal in Anthropic's error shape and status, including the paths nobody serves.
 */
class AnthropicApiTest {
    private static final String HELLO = """
            {"model":"local-model","max_tokens":100,"messages":[{"role":"user","content":"Hello"}]}""";

    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model").maxBody(64 * 1024).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return gateway.send(request.build());
    }

    /** The error body's type, after checking the shape every Anthropic error has. */
    static String errorType(HttpResponse<String> response) {
        JsonNode body = json(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/message").asText()).isNotBlank().doesNotContain("Exception");
        assertThat(body.path("request_id").asText()).isEqualTo(response.headers().firstValue("request-id")
                .orElseThrow());
        return body.at("/error/type").asText();
    }

    @Test
    void aWholeAnswerIsOneMessageObjectNamingTheModelThatAnswered() {
        upstream.enqueue(Answer.text("Hi", " there"));
        HttpResponse<String> response = post("/v1/messages", HELLO);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("id").asText()).startsWith("msg_");
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("model").asText()).isEqualTo("local-model");
        assertThat(body.path("content")).hasSize(1);
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Hi there");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.path("stop_sequence").isNull()).isTrue();
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(11);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(response.headers().firstValue("request-id")).isEqualTo(response.headers()
                .firstValue("x-request-id"));
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("local");
    }

    @Test
    void aWholeToolCallCarriesItsParsedInputAndStopsWithToolUse() {
        upstream.enqueue(Answer.toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"));
        JsonNode body = json(post("/v1/messages", """
                {"model":"local-model","max_tokens":100,"messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}""").body());
        assertThat(body.path("content")).hasSize(1);
        assertThat(body.at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(body.at("/content/0/id").asText()).isEqualTo("call_1");
        assertThat(body.at("/content/0/input/city").asText()).isEqualTo("Oslo");
        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void aWholeAnswerCutByTheTokenLimitStopsWithMaxTokens() {
        upstream.enqueue(new Answer(List.of("Once upon"), List.of(), 11, 1, "length"));
        assertThat(json(post("/v1/messages", HELLO).body()).path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void theBackendReceivesTheConversationToolsAndOptionsInItsOwnProtocol() {
        upstream.enqueue(Answer.text("ok"));
        post("/v1/messages", """
                {"model":"local-model","max_tokens":64,"temperature":0.2,"top_p":0.9,"stop_sequences":["END"],
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "tools":[{"name":"lookup","description":"Look up","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[{"role":"user","content":"find hearth"},
                   {"role":"assistant","content":[
                     {"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"hearth"}}]},
                   {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_1","content":"a gateway"}]}]}""");
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"q\":\"hearth\"}");
        assertThat(sent.at("/messages/3/role").asText()).isEqualTo("tool");
        assertThat(sent.at("/messages/3/tool_call_id").asText()).isEqualTo("toolu_1");
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("lookup");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.at("/stop/0").asText()).isEqualTo("END");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.has("metadata")).isFalse();
    }

    @Test
    void keysAndAnthropicHeadersAreAcceptedInEitherForm() {
        for (String[] headers : List.of(new String[] {"x-api-key", "sk-ant-anything"},
                new String[] {"Authorization", "Bearer sk-anything"},
                new String[] {"anthropic-version", "2023-06-01", "anthropic-beta", "interleaved-thinking-2025-05-14"},
                new String[] {})) {
            upstream.enqueue(Answer.text("ok"));
            assertThat(post("/v1/messages", HELLO, headers).statusCode()).as(String.join(" ", headers))
                    .isEqualTo(200);
        }
    }

    @Test
    void claudeCodesBetaQueryParameterIsAccepted() {
        upstream.enqueue(Answer.text("ok"));
        assertThat(post("/v1/messages?beta=true", HELLO, "anthropic-beta", "claude-code-20250219").statusCode())
                .isEqualTo(200);
        assertThat(post("/v1/messages/count_tokens?beta=true", HELLO).statusCode()).isEqualTo(200);
    }

    @Test
    void countTokensAnswersAnEstimateThatGrowsWithThePrompt() {
        int before = upstream.requests().size();
        HttpResponse<String> small = post("/v1/messages/count_tokens", """
                {"model":"local-model","messages":[{"role":"user","content":"Hello"}]}""");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("request-id")).isPresent();
        int few = json(small.body()).path("input_tokens").asInt();
        int many = json(post("/v1/messages/count_tokens", """
                {"model":"local-model","system":"You are a careful assistant who answers in French.",
                 "tools":[{"name":"lookup","description":"Look things up","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"Hello, how is the weather in Oslo today?"}]}""").body())
                .path("input_tokens").asInt();
        assertThat(few).isPositive();
        assertThat(many).isGreaterThan(few + 10);
        assertThat(upstream.requests()).hasSize(before);
        assertThat(errorType(post("/v1/messages/count_tokens", """
                {"model":"nope","messages":[{"role":"user","content":"Hello"}]}"""))).isEqualTo("not_found_error");
    }

    @Test
    void refusalsBeforeTheAnswerUseAnthropicsShapeAndStatus() {
        HttpResponse<String> invalid = post("/v1/messages", "{\"model\":\"local-model\",\"messages\":[]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(errorType(invalid)).isEqualTo("invalid_request_error");
        assertThat(json(invalid.body()).at("/error/message").asText()).contains("max_tokens");
        HttpResponse<String> unknownModel = post("/v1/messages", HELLO.replace("local-model", "claude-nope"));
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(errorType(unknownModel)).isEqualTo("not_found_error");
        HttpResponse<String> malformed = post("/v1/messages", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(errorType(malformed)).isEqualTo("invalid_request_error");
    }

    @Test
    void anUpstreamRateLimitReachesTheClientWithItsRetryAfter() {
        upstream.enqueue(Answer.text("x"), new Fault.Status(429, "rate_limit_exceeded", "slow down",
                Map.of("Retry-After", "30")));
        HttpResponse<String> response = post("/v1/messages", HELLO);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(errorType(response)).isEqualTo("rate_limit_error");
        assertThat(response.headers().firstValue("retry-after")).hasValue("30");
    }

    @Test
    void unknownPathsWrongMethodsAndLargeBodiesUnderMessagesAnswerInAnthropicsShape() {
        HttpResponse<String> batches = post("/v1/messages/batches", "{}");
        assertThat(batches.statusCode()).isEqualTo(404);
        assertThat(errorType(batches)).isEqualTo("not_found_error");
        HttpResponse<String> wrongMethod = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/messages")).GET()
                .build());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(errorType(wrongMethod)).isEqualTo("invalid_request_error");
        HttpResponse<String> countByGet = gateway.send(HttpRequest.newBuilder(
                gateway.uri("/v1/messages/count_tokens")).GET().build());
        assertThat(countByGet.statusCode()).isEqualTo(405);
        String huge = HELLO.replace("Hello", "x".repeat(70 * 1024));
        HttpResponse<String> tooLarge = post("/v1/messages", huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(errorType(tooLarge)).isEqualTo("request_too_large");
        HttpResponse<String> openAi = post("/v1/nothing-here", "{}");
        assertThat(json(openAi.body()).at("/error/type").asText()).as("OpenAI's paths keep OpenAI's shape")
                .isEqualTo("invalid_request_error");
        assertThat(json(openAi.body()).path("type").isMissingNode()).isTrue();
    }

    @Test
    void anUnreachableBackendIsOverloadedAndNoBackendAtAllSaysDoNotRetry() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (TestGateway dead = TestGateway.builder().backend(new BackendConfig("gone", Protocol.OPENAI,
                URI.create("http://127.0.0.1:" + deadPort + "/v1"), null, Locality.LOCAL, List.of("m"), 0)).start()) {
            HttpResponse<String> response = dead.post("/v1/messages", HELLO.replace("local-model", "m"));
            assertThat(response.statusCode()).isEqualTo(529);
            assertThat(errorType(response)).isEqualTo("overloaded_error");
        }
        try (TestGateway empty = TestGateway.builder().start()) {
            HttpResponse<String> response = empty.post("/v1/messages", HELLO);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(errorType(response)).isEqualTo("api_error");
            assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
            assertThat(json(response.body()).at("/error/message").asText()).contains("ollama serve");
        }
    }
}
