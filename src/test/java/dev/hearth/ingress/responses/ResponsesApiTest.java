package dev.hearth.ingress.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v1/responses} on a real socket, answered as one response object, and every refusal before begin. */
class ResponsesApiTest {
    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model").start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void aTextAnswerIsOneCompletedResponseObjectThatEchoesTheRequest() {
        upstream.enqueue(Answer.text("Hi", " there"));
        HttpResponse<String> response = gateway.post("/v1/responses", """
                {"model":"local-model","instructions":"Be kind.","input":"hello","temperature":0.5,
                 "max_output_tokens":100,"metadata":{"ticket":"42"},"store":true}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("local");
        JsonNode body = json(response.body());
        assertThat(body.path("id").asText()).isEqualTo("resp_" + requestId);
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("created_at").asLong()).isPositive();
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("model").asText()).isEqualTo("local-model");
        assertThat(body.path("error").isNull()).isTrue();
        assertThat(body.path("incomplete_details").isNull()).isTrue();
        assertThat(body.path("output")).hasSize(1);
        JsonNode message = body.at("/output/0");
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("status").asText()).isEqualTo("completed");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("output_text");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Hi there");
        assertThat(message.at("/content/0/annotations").isArray()).isTrue();
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(11);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(13);
        assertThat(body.at("/usage/input_tokens_details/cached_tokens").asInt(-1)).isZero();
        assertThat(body.at("/usage/output_tokens_details/reasoning_tokens").asInt(-1)).isZero();
        assertThat(body.path("instructions").asText()).isEqualTo("Be kind.");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(100);
        assertThat(body.at("/metadata/ticket").asText()).isEqualTo("42");
        assertThat(body.path("store").asBoolean(true)).as("Hearth stores nothing").isFalse();
        assertThat(body.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(body.at("/text/format/type").asText()).isEqualTo("text");
    }

    @Test
    void theBackendGetsAChatRequestWithoutResponsesOnlyFields() {
        upstream.enqueue(Answer.text("ok"));
        gateway.post("/v1/responses", """
                {"model":"local-model","instructions":"sys","max_output_tokens":7,"user":"u-1",
                 "metadata":{"a":"b"},"reasoning":{"effort":"low"},"parallel_tool_calls":false,
                 "input":[{"role":"user","content":"q"},
                   {"type":"function_call","call_id":"call_1","name":"lookup","arguments":"{}"},
                   {"type":"function_call_output","call_id":"call_1","output":"found"}],
                 "tools":[{"type":"function","name":"lookup","parameters":{"type":"object"}}],
                 "tool_choice":"required","text":{"format":{"type":"json_object"}}}""");
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("q");
        assertThat(sent.at("/messages/2/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(sent.at("/messages/3/role").asText()).isEqualTo("tool");
        assertThat(sent.at("/messages/3/tool_call_id").asText()).isEqualTo("call_1");
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("lookup");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(7);
        assertThat(sent.path("user").asText()).isEqualTo("u-1");
        assertThat(sent.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(sent.has("metadata") || sent.has("reasoning") || sent.has("input") || sent.has("instructions"))
                .as("Responses-only fields stay in Hearth").isFalse();
    }

    @Test
    void aToolCallIsAFunctionCallItemWithTheUpstreamsCallId() {
        upstream.enqueue(new Answer(List.of("Let me look."), List.of(new Answer.ToolCallSpec("call_9", "lookup",
                "{\"q\":\"hearth\"}")), 20, 9, "tool_calls"));
        JsonNode body = json(gateway.post("/v1/responses", """
                {"model":"local-model","input":"find hearth",
                 "tools":[{"type":"function","name":"lookup","parameters":{"type":"object"}}]}""").body());
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("output")).hasSize(2);
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Let me look.");
        JsonNode call = body.at("/output/1");
        assertThat(call.path("type").asText()).isEqualTo("function_call");
        assertThat(call.path("id").asText()).startsWith("fc_");
        assertThat(call.path("call_id").asText()).isEqualTo("call_9");
        assertThat(call.path("name").asText()).isEqualTo("lookup");
        assertThat(call.path("arguments").asText()).isEqualTo("{\"q\":\"hearth\"}");
        assertThat(call.path("status").asText()).isEqualTo("completed");
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("lookup");
    }

    @Test
    void anAnswerCutByTheTokenLimitIsIncompleteWithItsReason() {
        upstream.enqueue(new Answer(List.of("Once upon", " a"), List.of(), 11, 2, "length"));
        JsonNode body = json(gateway.post("/v1/responses",
                "{\"model\":\"local-model\",\"input\":\"story\",\"max_output_tokens\":2}").body());
        assertThat(body.path("status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(body.at("/output/0/status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Once upon a");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("{not json", 400, null, "invalid_request"),
                Arguments.of("{\"model\":\"local-model\",\"input\":\"x\",\"previous_response_id\":\"resp_1\"}", 400,
                        "previous_response_id", "unsupported_parameter"),
                Arguments.of("{\"model\":\"local-model\",\"input\":\"x\",\"background\":true}", 400, "background",
                        "unsupported_parameter"),
                Arguments.of("{\"model\":\"local-model\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}", 400,
                        "tools[0].type", "unsupported_parameter"),
                Arguments.of("{\"model\":\"local-model\",\"input\":[{\"role\":\"user\"}]}", 400, "input[0].content",
                        "invalid_request"),
                Arguments.of("{\"model\":\"gpt-99\",\"input\":\"x\"}", 404, "model", null));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusalsBeforeTheAnswerUseOpenAisErrorShapeAndNeverReachTheBackend(String body, int status, String param,
            String code) {
        int before = upstream.requests().size();
        HttpResponse<String> response = gateway.post("/v1/responses", body);
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (param != null) {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
        if (code != null) {
            assertThat(error.path("code").asText()).isEqualTo(code);
        }
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void storedResponseRoutesSayHearthStoresNoneAndOtherMethodsAre405() {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(gateway.uri("/v1/responses/resp_123")).GET().build(),
                HttpRequest.newBuilder(gateway.uri("/v1/responses/resp_123")).DELETE().build(),
                HttpRequest.newBuilder(gateway.uri("/v1/responses/resp_123/cancel"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build())) {
            HttpResponse<String> response = gateway.send(request);
            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode error = json(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("response_not_stored");
            assertThat(error.path("message").asText()).contains("does not store responses");
        }
        assertThat(gateway.get("/v1/responses").statusCode()).isEqualTo(405);
    }
}
