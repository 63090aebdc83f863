package dev.hearth.ingress.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.error.GatewayException;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ollama's /api/chat bodies, from the examples of docs/api.md, decoded into the canonical request. */
class OllamaChatDecoderTest {
    /** The 1x1 PNG from Ollama's own image example starts like this. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk";

    private static OllamaCall decode(String json) {
        try {
            return OllamaChatDecoder.decode(Json.read(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void theDocumentedStreamingExampleStreamsByDefault() {
        OllamaCall call = decode("""
                {"model":"llama3.2","messages":[{"role":"user","content":"why is the sky blue?"}]}""");
        ChatRequest request = call.request();
        assertThat(request.model()).isEqualTo("llama3.2");
        assertThat(request.stream()).as("Ollama streams unless told otherwise").isTrue();
        assertThat(request.messages()).containsExactly(Message.text(Role.USER, "why is the sky blue?"));
        assertThat(request.sampling()).isEqualTo(Sampling.NONE);
        assertThat(request.extra()).as("nothing Ollama-only travels to other backends").isEmpty();
        assertThat(call.showThinking()).isTrue();
        assertThat(call.isLoadCall()).isFalse();
    }

    @Test
    void optionsBecomeSamplingAndRunnerSettingsAreIgnored() {
        Sampling sampling = decode("""
                {"model":"m","stream":false,"messages":[{"role":"user","content":"Hello!"}],
                 "options":{"seed":101,"temperature":0,"top_p":0.9,"top_k":20,"num_predict":100,
                            "stop":["\\n","user:"],"presence_penalty":1.5,"frequency_penalty":1.0,
                            "num_ctx":1024,"num_gpu":1,"mirostat":1,"repeat_penalty":1.2}}""").request().sampling();
        assertThat(sampling).isEqualTo(new Sampling(0.0, 0.9, 20, 100, false, java.util.List.of("\n", "user:"), 101L,
                1.5, 1.0));
    }

    @Test
    void numPredictMinusOneAndMinusTwoMeanNoLimit() {
        assertThat(decode("{\"model\":\"m\",\"messages\":[],\"options\":{\"num_predict\":-1}}").request()
                .sampling().maxTokens()).isNull();
        assertThat(decode("{\"model\":\"m\",\"messages\":[],\"options\":{\"num_predict\":-2}}").request()
                .sampling().maxTokens()).isNull();
    }

    @Test
    void formatJsonIsJsonModeAndASchemaObjectIsStructuredOutput() {
        assertThat(decode("{\"model\":\"m\",\"format\":\"json\",\"messages\":[]}").request().responseFormat().kind())
                .isEqualTo(ResponseFormat.Kind.JSON_OBJECT);
        ResponseFormat schema = decode("""
                {"model":"llama3.1","messages":[{"role":"user","content":"Ollama is 22"}],"stream":false,
                 "format":{"type":"object","properties":{"age":{"type":"integer"}},"required":["age"]}}""")
                .request().responseFormat();
        assertThat(schema.kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
        assertThat(schema.schema()).containsEntry("type", "object").containsKey("properties");
        assertThat(decode("{\"model\":\"m\",\"format\":\"\",\"messages\":[]}").request().responseFormat()).isNull();
    }

    @Test
    void imagesBecomeDataUrlsWithTheMediaTypeTheirBytesSay() {
        Message message = decode("{\"model\":\"llava\",\"messages\":[{\"role\":\"user\",\"content\":\"what is in"
                + " this image?\",\"images\":[\"" + PNG + "\"]}]}").request().messages().getFirst();
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0)).isEqualTo(new ContentPart.Text("what is in this image?"));
        ContentPart.Image image = (ContentPart.Image) message.content().get(1);
        assertThat(image.mediaType()).isEqualTo("image/png");
        assertThat(image.base64Data()).isEqualTo(PNG);
    }

    @Test
    void toolCallsWithObjectArgumentsAndToolResultsByNameArePairedWithIds() {
        ChatRequest request = decode("""
                {"model":"llama3.2","messages":[
                  {"role":"user","content":"What is the weather today in Paris and Oslo?"},
                  {"role":"assistant","content":"","tool_calls":[
                    {"function":{"name":"get_current_weather","arguments":{"location":"Paris, FR"}}},
                    {"function":{"name":"get_time","arguments":{"city":"Oslo"}}}]},
                  {"role":"tool","tool_name":"get_time","content":"10:00"},
                  {"role":"tool","tool_name":"get_current_weather","content":"22 degrees"}],
                 "tools":[{"type":"function","function":{"name":"get_current_weather",
                   "description":"Get the current weather for a location",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}]}""").request();
        Message assistant = request.messages().get(1);
        assertThat(assistant.content()).isEmpty();
        assertThat(assistant.toolCalls()).extracting("id", "name")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call_1_0", "get_current_weather"),
                        org.assertj.core.groups.Tuple.tuple("call_1_1", "get_time"));
        JsonNode arguments = json(assistant.toolCalls().getFirst().arguments());
        assertThat(arguments.path("location").asText()).isEqualTo("Paris, FR");
        assertThat(request.messages().get(2).toolCallId()).isEqualTo("call_1_1");
        assertThat(request.messages().get(2).name()).isEqualTo("get_time");
        assertThat(request.messages().get(3).toolCallId()).isEqualTo("call_1_0");
        assertThat(request.tools().getFirst().name()).isEqualTo("get_current_weather");
        assertThat(request.tools().getFirst().parameters()).containsEntry("type", "object");
    }

    @Test
    void explicitToolCallIdsAreKept() {
        ChatRequest request = decode("""
                {"model":"m","messages":[
                  {"role":"assistant","tool_calls":[{"id":"abc","function":{"name":"f","arguments":"{\\"x\\":1}"}}]},
                  {"role":"tool","content":"done"}]}""").request();
        assertThat(request.messages().get(0).toolCalls().getFirst().id()).isEqualTo("abc");
        assertThat(request.messages().get(0).toolCalls().getFirst().arguments()).isEqualTo("{\"x\":1}");
        assertThat(request.messages().get(1).toolCallId()).isEqualTo("abc");
        assertThat(request.messages().get(1).name()).isEqualTo("f");
    }

    @Test
    void noMessagesIsTheLoadCallAndKeepAliveZeroUnloads() {
        assertThat(decode("{\"model\":\"llama3.2\",\"messages\":[]}").isLoadCall()).isTrue();
        assertThat(decode("{\"model\":\"llama3.2\"}").isLoadCall()).isTrue();
        assertThat(decode("{\"model\":\"llama3.2\",\"messages\":[],\"keep_alive\":0}").unload()).isTrue();
        assertThat(decode("{\"model\":\"llama3.2\",\"messages\":[],\"keep_alive\":\"0s\"}").unload()).isTrue();
        assertThat(decode("{\"model\":\"llama3.2\",\"messages\":[],\"keep_alive\":\"5m\"}").unload()).isFalse();
    }

    @Test
    void thinkFalseHidesReasoningAndLevelsAreAccepted() {
        assertThat(decode("{\"model\":\"m\",\"messages\":[],\"think\":false}").showThinking()).isFalse();
        assertThat(decode("{\"model\":\"m\",\"messages\":[],\"think\":true}").showThinking()).isTrue();
        assertThat(decode("{\"model\":\"m\",\"messages\":[],\"think\":\"high\"}").showThinking()).isTrue();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("[]", null),
                Arguments.of("{\"messages\":[]}", "model"),
                Arguments.of("{\"model\":\" \"}", "model"),
                Arguments.of("{\"model\":\"m\",\"messages\":{}}", "messages"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                        "messages[0].role"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[\"x\"]}]}",
                        "messages[0].content"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"images\":[\"%%%%\"]}]}",
                        "messages[0].images[0]"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"function\":"
                        + "{\"name\":\"f\",\"arguments\":[1]}}]}]}", "messages[0].tool_calls[0].function.arguments"),
                Arguments.of("{\"model\":\"m\",\"format\":\"xml\"}", "format"),
                Arguments.of("{\"model\":\"m\",\"options\":{\"temperature\":\"hot\"}}", "options.temperature"),
                Arguments.of("{\"model\":\"m\",\"options\":{\"num_predict\":0}}", "options.num_predict"),
                Arguments.of("{\"model\":\"m\",\"options\":{\"top_k\":1.5}}", "options.top_k"),
                Arguments.of("{\"model\":\"m\",\"stream\":\"yes\"}", "stream"),
                Arguments.of("{\"model\":\"m\",\"think\":\"maybe\"}", "think"),
                Arguments.of("{\"model\":\"m\",\"keep_alive\":true}", "keep_alive"),
                Arguments.of("{\"model\":\"m\",\"tools\":[{\"type\":\"function\"}]}", "tools[0].function"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void badInputIsA400NamingTheField(String body, String param) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().httpStatus()).isEqualTo(400);
            assertThat(e.error().param()).isEqualTo(param);
        });
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
