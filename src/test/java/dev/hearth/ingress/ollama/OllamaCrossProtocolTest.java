package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.ollama.NdjsonReader.json;
import static dev.hearth.ingress.ollama.NdjsonReader.lines;
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
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Ollama client served by each backend protocol (OpenAI-compatible, Anthropic, Ollama): streamed text and tool
 * calls come back as Ollama NDJSON with the backend's own token counts, and a conversation with a tool round trip
 * (Ollama's id-less calls, results by tool_name) reaches each backend tied together the way it needs.
 */
class OllamaCrossProtocolTest {
    private static final String CONVERSATION = """
            [{"role":"user","content":"weather in Paris?"},
             {"role":"assistant","content":"","tool_calls":[
               {"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
             {"role":"tool","tool_name":"get_weather","content":"18 C"},
             {"role":"user","content":"and Oslo?"}]""";
    private static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Weather by city",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    private static FakeOpenAi openAi;
    private static FakeAnthropic anthropic;
    private static FakeOllama ollama;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAi("gpt-4o");
        anthropic = FakeAnthropic.start();
        ollama = new FakeOllama().models("mistral-small3.1:24b");
        gateway = TestGateway.builder()
                .backend("openai", Protocol.OPENAI, openAi, Locality.CLOUD, "gpt-4o")
                .backend(new BackendConfig("claude", Protocol.ANTHROPIC, anthropic.baseUrl(),
                        Secret.of("sk-ant-test"), Locality.CLOUD, List.of("claude-sonnet-4-5"), 0))
                .backend("ollama", Protocol.OLLAMA, ollama, Locality.LOCAL, "mistral-small3.1:24b")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openAi.close();
        anthropic.close();
        ollama.close();
    }

    private static FakeUpstream fakeFor(String model) {
        return switch (model) {
            case "gpt-4o" -> openAi;
            case "claude-sonnet-4-5" -> anthropic;
            default -> ollama;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5", "mistral-small3.1:24b"})
    void aStreamedToolCallComesBackWholeWithTheBackendsTokenCounts(String model) {
        FakeUpstream fake = fakeFor(model);
        fake.enqueue(Answer.toolCall("call_x", "get_weather", "{\"city\":\"Oslo\"}"));
        HttpResponse<String> response = gateway.post("/api/chat", "{\"model\":\"" + model + "\",\"messages\":"
                + CONVERSATION + ",\"tools\":" + TOOLS + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).hasSize(2);
        JsonNode calls = lines.get(0).at("/message/tool_calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.at("/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(calls.at("/0/function/arguments/city").asText()).isEqualTo("Oslo");
        JsonNode done = lines.get(1);
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("model").asText()).isEqualTo(model);
        assertThat(done.path("prompt_eval_count").asInt()).isEqualTo(20);
        assertThat(done.path("eval_count").asInt()).isEqualTo(9);
        assertThat(response.headers().firstValue("x-hearth-model")).hasValue(model);
        assertToolRoundTripReached(model, fake.requests().getLast().body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5", "mistral-small3.1:24b"})
    void streamedTextComesBackAsNdjsonWithUsage(String model) {
        fakeFor(model).enqueue(new Answer(List.of("Bonjour", " !"), List.of(), 33, 2, "stop"));
        List<JsonNode> lines = lines(gateway.post("/api/chat", "{\"model\":\"" + model + "\",\"options\":"
                + "{\"num_predict\":50},\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}").body());
        StringBuilder text = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(line -> text.append(line.at("/message/content").asText()));
        assertThat(text.toString()).isEqualTo("Bonjour !");
        JsonNode done = lines.getLast();
        assertThat(done.path("done_reason").asText()).isEqualTo("stop");
        assertThat(done.path("prompt_eval_count").asInt()).isEqualTo(33);
        assertThat(done.path("eval_count").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5", "mistral-small3.1:24b"})
    void anImageWithoutMediaTypeReachesEveryBackendInItsOwnForm(String model) {
        FakeUpstream fake = fakeFor(model);
        fake.enqueue(Answer.text("a dot"));
        JsonNode body = json(gateway.post("/api/generate", "{\"model\":\"" + model + "\",\"stream\":false,"
                + "\"prompt\":\"What is in this picture?\",\"images\":[\"" + OllamaChatDecoderTest.PNG + "\"]}")
                .body());
        assertThat(body.path("response").asText()).isEqualTo("a dot");
        JsonNode sent = fake.requests().getLast().body();
        String wire = sent.toString();
        switch (model) {
            case "gpt-4o" -> assertThat(sent.at("/messages/0/content/1/image_url/url").asText())
                    .isEqualTo("data:image/png;base64," + OllamaChatDecoderTest.PNG);
            case "claude-sonnet-4-5" -> assertThat(wire).contains("\"media_type\":\"image/png\"");
            default -> assertThat(sent.at("/messages/0/images/0").asText()).isEqualTo(OllamaChatDecoderTest.PNG);
        }
    }

    /** The assistant's id-less call and the result that names it arrive tied together, in each protocol's terms. */
    private static void assertToolRoundTripReached(String model, JsonNode sent) {
        switch (model) {
            case "gpt-4o" -> {
                assertThat(sent.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("call_1_0");
                assertThat(sent.at("/messages/1/tool_calls/0/function/arguments").asText())
                        .isEqualTo("{\"city\":\"Paris\"}");
                assertThat(sent.at("/messages/2/tool_call_id").asText()).isEqualTo("call_1_0");
                assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
            }
            case "claude-sonnet-4-5" -> {
                assertThat(sent.findValuesAsText("type")).contains("tool_use", "tool_result");
                assertThat(sent.findValuesAsText("id")).contains("call_1_0");
                assertThat(sent.findValuesAsText("tool_use_id")).containsExactly("call_1_0");
                assertThat(sent.at("/tools/0/name").asText()).isEqualTo("get_weather");
            }
            default -> {
                assertThat(sent.at("/messages/1/tool_calls/0/function/arguments/city").asText()).isEqualTo("Paris");
                assertThat(sent.at("/messages/2/tool_name").asText()).isEqualTo("get_weather");
                assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
            }
        }
    }
}
