package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.ollama.NdjsonReader.json;
import static dev.hearth.ingress.ollama.NdjsonReader.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ollama's /api/chat and /api/generate on a real socket: NDJSON framing, line order, counts, late errors. */
class OllamaChatApiTest {
    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model", "llama3.2:latest");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model", "llama3.2:latest").start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aChatStreamsOneNdjsonLinePerPieceThenTheDoneLineWithCounts() {
        upstream.enqueue(new Answer(List.of("Hel", "lo"), List.of(), 26, 2, "stop"));
        HttpResponse<String> response = gateway.post("/api/chat",
                "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("local");
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 2; i++) {
            JsonNode line = lines.get(i);
            assertThat(line.path("model").asText()).isEqualTo("local-model");
            assertThat(line.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(line.at("/message/role").asText()).isEqualTo("assistant");
            assertThat(line.path("done").asBoolean()).isFalse();
            assertThat(line.has("done_reason")).isFalse();
        }
        assertThat(lines.get(0).at("/message/content").asText()).isEqualTo("Hel");
        assertThat(lines.get(1).at("/message/content").asText()).isEqualTo("lo");
        JsonNode done = lines.get(2);
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("done_reason").asText()).isEqualTo("stop");
        assertThat(done.at("/message/content").asText()).isEmpty();
        assertThat(done.path("prompt_eval_count").asInt()).isEqualTo(26);
        assertThat(done.path("eval_count").asInt()).isEqualTo(2);
        assertThat(done.path("total_duration").asLong()).isPositive();
        assertThat(done.path("load_duration").asLong()).isZero();
        assertThat(done.path("prompt_eval_duration").asLong()).isNotNegative();
        assertThat(done.path("eval_duration").asLong()).isNotNegative();
        assertThat(done.path("total_duration").asLong()).isGreaterThanOrEqualTo(
                done.path("prompt_eval_duration").asLong() + done.path("eval_duration").asLong());
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("hi");
    }

    @Test
    void streamedToolCallPiecesArriveAsOneLineWithWholeCallsAndObjectArguments() {
        upstream.enqueue(Answer.toolCall("call_7", "get_weather", "{\"city\":\"Oslo\",\"unit\":\"c\"}"));
        HttpResponse<String> response = gateway.post("/api/chat", """
                {"model":"local-model","messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""");
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(2);
        JsonNode call = lines.get(0).at("/message/tool_calls/0");
        assertThat(lines.get(0).at("/message/tool_calls")).hasSize(1);
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/function/arguments").isObject()).isTrue();
        assertThat(call.at("/function/arguments/city").asText()).isEqualTo("Oslo");
        assertThat(call.path("id").asText()).isEqualTo("call_7");
        assertThat(lines.get(1).path("done_reason").asText()).as("Ollama says stop after tool calls").isEqualTo("stop");
        assertThat(upstream.requestsTo("/chat/completions").getLast().body().at("/tools/0/function/name").asText())
                .isEqualTo("get_weather");
    }

    @Test
    void streamFalseAnswersOneObjectWithTheWholeMessageAndTheSameStats() {
        upstream.enqueue(new Answer(List.of("Hello! ", "How are you today?"), List.of(), 26, 298, "length"));
        HttpResponse<String> response = gateway.post("/api/chat", """
                {"model":"local-model","stream":false,"messages":[{"role":"user","content":"why is the sky blue?"}]}""");
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(response.body()).doesNotContain("\n");
        JsonNode body = json(response.body());
        assertThat(body.at("/message/content").asText()).isEqualTo("Hello! How are you today?");
        assertThat(body.path("done").asBoolean()).isTrue();
        assertThat(body.path("done_reason").asText()).isEqualTo("length");
        assertThat(body.path("prompt_eval_count").asInt()).isEqualTo(26);
        assertThat(body.path("eval_count").asInt()).isEqualTo(298);
        assertThat(body.path("eval_duration").asLong()).isPositive();
    }

    @Test
    void aFailureAfterContentEndsTheStreamWithAnErrorLineAndNoDoneLine() {
        upstream.enqueue(Answer.text("Hel", "lo", " world"), new Fault.ErrorEventAfterChunks(2, "GPU fell over"));
        HttpResponse<String> response = gateway.post("/api/chat",
                "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).at("/message/content").asText()).isEqualTo("Hel");
        assertThat(lines.get(1).fieldNames()).toIterable().containsExactly("error");
        assertThat(lines.get(1).path("error").asText()).contains("incomplete");
    }

    @Test
    void generateStreamsResponseLinesThroughTheChatPath() {
        upstream.enqueue(Answer.text("The", " sky"));
        HttpResponse<String> response = gateway.post("/api/generate",
                "{\"model\":\"local-model\",\"prompt\":\"Why is the sky blue?\",\"system\":\"Be brief.\"}");
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).extracting(line -> line.path("response").asText()).containsExactly("The", " sky", "");
        assertThat(lines.getFirst().has("message")).isFalse();
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();
        assertThat(lines.getLast().path("eval_count").asInt()).isEqualTo(2);
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Why is the sky blue?");
    }

    @Test
    void generateWithStreamFalseAnswersOneObject() {
        upstream.enqueue(Answer.text("Rayleigh", " scattering."));
        JsonNode body = json(gateway.post("/api/generate",
                "{\"model\":\"local-model\",\"prompt\":\"Why?\",\"stream\":false}").body());
        assertThat(body.path("response").asText()).isEqualTo("Rayleigh scattering.");
        assertThat(body.path("done").asBoolean()).isTrue();
        assertThat(body.path("done_reason").asText()).isEqualTo("stop");
    }

    @Test
    void theLoadCallAnswersAtOnceWithoutReachingABackend() {
        int before = upstream.requests().size();
        JsonNode generate = json(gateway.post("/api/generate", "{\"model\":\"local-model\"}").body());
        assertThat(generate.path("response").asText()).isEmpty();
        assertThat(generate.path("done").asBoolean()).isTrue();
        assertThat(generate.path("done_reason").asText()).isEqualTo("load");
        JsonNode chat = json(gateway.post("/api/chat",
                "{\"model\":\"local-model\",\"messages\":[],\"keep_alive\":0}").body());
        assertThat(chat.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(chat.path("done_reason").asText()).isEqualTo("unload");
        assertThat(upstream.requests()).hasSize(before);
        HttpResponse<String> unknown = gateway.post("/api/generate", "{\"model\":\"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aNameWithoutTagReachesTheLatestTagLikeOllama() {
        upstream.enqueue(Answer.text("ok"));
        HttpResponse<String> response = gateway.post("/api/chat",
                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.requestsTo("/chat/completions").getLast().body().path("model").asText())
                .isEqualTo("llama3.2:latest");
    }

    @Test
    void anUnknownModelIs404InOllamasShapeNamingHearth() {
        int before = upstream.requests().size();
        HttpResponse<String> response = gateway.post("/api/chat",
                "{\"model\":\"gpt-99\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.path("error").asText()).startsWith("model \"gpt-99\" not found").contains("Hearth")
                .contains("/api/tags");
        assertThat(upstream.requests()).hasSize(before);
    }

    @Test
    void malformedJsonAndWrongTypesAre400InOllamasShape() {
        for (String body : List.of("{not json", "{\"model\":\"local-model\",\"options\":{\"temperature\":\"hot\"}}",
                "{\"model\":\"local-model\",\"prompt\":\"x\",\"raw\":true}")) {
            String path = body.contains("prompt") ? "/api/generate" : "/api/chat";
            HttpResponse<String> response = gateway.post(path, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response.body()).path("error").asText()).isNotBlank().doesNotContain("Exception");
        }
    }
}
