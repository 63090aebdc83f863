package dev.hearth.ingress.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.SseReader;
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

/** The OpenAI dialect on a real socket: answers, streaming framing, pass-through, and every kind of bad input. */
class OpenAiApiTest {
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

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void aChatCompletionCarriesTheExplanationHeaders() {
        upstream.enqueue(Answer.text("Hi", " there"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hi there");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("local");
        assertThat(response.headers().firstValue("x-hearth-locality")).hasValue("local");
        assertThat(response.headers().firstValue("x-hearth-overhead-ms").orElseThrow()).matches("\\d+\\.\\d{3}");
    }

    @Test
    void unknownFieldsReachTheUpstreamUntouchedAndKnownOnesAreTranslated() {
        upstream.enqueue(Answer.text("ok"));
        gateway.post("/v1/chat/completions", """
                {"model":"local-model","messages":[{"role":"user","content":"x"}],
                 "logit_bias":{"50256":-100},"user":"u-1","max_completion_tokens":7,"seed":42,
                 "stop":"END","response_format":{"type":"json_object"}}""");
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/logit_bias/50256").asInt()).isEqualTo(-100);
        assertThat(sent.path("user").asText()).isEqualTo("u-1");
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(7);
        assertThat(sent.path("seed").asLong()).isEqualTo(42);
        assertThat(sent.at("/stop/0").asText()).isEqualTo("END");
        assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamedToolCallsArriveAsDeltasWithIdAndNameFirst() {
        upstream.enqueue(Answer.toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"local-model","stream":true,"messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "tool_choice":"auto"}""");
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> events = SseReader.data(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        StringBuilder args = new StringBuilder();
        String id = null;
        String name = null;
        String finish = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode choice = json(event).at("/choices/0");
            JsonNode call = choice.at("/delta/tool_calls/0");
            if (!call.isMissingNode()) {
                if (call.has("id")) {
                    id = call.path("id").asText();
                    name = call.at("/function/name").asText();
                }
                args.append(call.at("/function/arguments").asText());
            }
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.path("finish_reason").asText();
            }
        }
        assertThat(id).isEqualTo("call_1");
        assertThat(name).isEqualTo("get_weather");
        assertThat(args.toString()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(finish).isEqualTo("tool_calls");
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
    }

    @Test
    void aSameDialectStreamIsRelayedAsTheUpstreamWroteItWithoutTheUsageTheClientDidNotAskFor() {
        upstream.enqueue(Answer.text("re", "layed"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\":\"local-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        List<String> events = SseReader.data(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        List<String> chunks = events.subList(0, events.size() - 1);
        assertThat(chunks).allSatisfy(chunk -> assertThat(json(chunk).path("id").asText()).isEqualTo("chatcmpl-fake"));
        assertThat(chunks).noneSatisfy(chunk -> assertThat(json(chunk).has("usage")).isTrue());
        assertThat(upstream.requestsTo("/chat/completions").getLast().body().at("/stream_options/include_usage")
                .asBoolean()).as("Hearth still taps usage").isTrue();
    }

    @Test
    void multimodalContentPartsArePassedThrough() {
        upstream.enqueue(Answer.text("a cat"));
        gateway.post("/v1/chat/completions", """
                {"model":"local-model","messages":[{"role":"user","content":[
                  {"type":"text","text":"what is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}},
                  {"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}""");
        JsonNode content = upstream.requestsTo("/chat/completions").getLast().body().at("/messages/0/content");
        assertThat(content.get(1).at("/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(content.get(1).at("/image_url/detail").asText()).isEqualTo("low");
        assertThat(content.get(2).at("/input_audio/format").asText()).isEqualTo("wav");
    }

    @Test
    void modelsListEveryBackendModel() {
        JsonNode body = json(gateway.get("/v1/models").body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("id")).contains("local-model");
        assertThat(gateway.get("/v1/models/local-model").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/v1/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndMetricsAnswer() {
        assertThat(gateway.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(json(gateway.get("/health/ready").body()).at("/backends/local/circuit").asText())
                .isEqualTo("closed");
        upstream.enqueue(Answer.text("x"));
        gateway.post("/v1/chat/completions",
                "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"m\"}]}");
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).contains("hearth_requests_total").contains("hearth_circuit_state")
                .contains("hearth_upstream_attempts_total").contains("hearth_tokens_total");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("{not json", 400, null),
                Arguments.of("[]", 400, null),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "model"),
                Arguments.of("{\"model\":\"local-model\"}", 400, "messages"),
                Arguments.of("{\"model\":\"local-model\",\"messages\":\"hi\"}", 400, "messages"),
                Arguments.of("{\"model\":\"local-model\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                        400, "messages[0].role"),
                Arguments.of("{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"temperature\":\"hot\"}", 400, "temperature"),
                Arguments.of("{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"max_tokens\":-3}", 400, "max_tokens"),
                Arguments.of("{\"model\":\"local-model\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
                        400, "messages[0].tool_call_id"),
                Arguments.of("{\"model\":\"gpt-99\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404,
                        "model"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputGetsAClear4xxInOpenAisShapeAndNoUpstreamCall(String body, int status, String param) {
        int before = upstream.requests().size();
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body);
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (param != null) {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(70 * 1024) + "\"}]}";
        int before = upstream.requests().size();
        HttpResponse<String> response = gateway.post("/v1/chat/completions", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("request_too_large");
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void unknownPathsAre404AndWrongMethodsAre405InOpenAisShape() {
        HttpResponse<String> missing = gateway.post("/v1/nothing-here", "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> wrongMethod = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .GET().build());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void embeddingsAreRelayedToTheBackendThatServesTheModel() {
        HttpResponse<String> response = gateway.post("/v1/embeddings",
                "{\"model\":\"local-model\",\"input\":[\"a\",\"b\"]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(6);
        HttpResponse<String> bad = gateway.post("/v1/embeddings", "{\"model\":\"local-model\",\"input\":[1,2]}");
        assertThat(bad.statusCode()).isEqualTo(400);
    }
}
