package dev.hearth.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import dev.hearth.model.ToolCall;
import dev.hearth.model.ToolDefinition;
import dev.hearth.provider.UpstreamException;
import dev.hearth.provider.UpstreamFailure.Kind;
import dev.hearth.tokens.TokenCounter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OllamaRequestWriterTest {
    private static final TokenCounter TOKENS = new TokenCounter();
    /** A 1x1 PNG. */
    private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
            + "hgGAWjR9awAAAABJRU5ErkJggg==";

    @Test
    void writesAStreamingChatWithRolesAndJoinedText() throws IOException {
        ChatRequest request = request(List.of(
                Message.text(Role.SYSTEM, "Be brief."),
                new Message(Role.USER, List.of(new ContentPart.Text("Hello"), new ContentPart.Text("there")),
                        List.of(), null, null),
                Message.text(Role.ASSISTANT, "Hi.")));

        JsonNode body = write(request);

        assertThat(body.path("model").asText()).isEqualTo("llama3.2");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages")).hasSize(3);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Hello\nthere");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("format")).isFalse();
    }

    @Test
    void inlineImagesTravelAsBase64InTheMessagesImages() throws IOException {
        ChatRequest request = request(List.of(new Message(Role.USER, List.of(new ContentPart.Text("What is this?"),
                new ContentPart.Image("data:image/png;base64," + PIXEL, "low")), List.of(), null, null)));

        JsonNode message = write(request).at("/messages/0");

        assertThat(message.path("content").asText()).isEqualTo("What is this?");
        assertThat(message.path("images")).hasSize(1);
        assertThat(message.at("/images/0").asText()).isEqualTo(PIXEL);
    }

    @Test
    void anImageByRemoteUrlIsRefusedAsABadRequest() {
        ChatRequest request = request(List.of(new Message(Role.USER,
                List.of(new ContentPart.Image("https://example.com/cat.png", null)), List.of(), null, null)));

        assertThatThrownBy(() -> write(request)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e.failure().message()).contains("messages[0]", "data: URL");
        });
    }

    @Test
    void aContentPartOllamaHasNoFieldForIsRefused() {
        ChatRequest request = request(List.of(new Message(Role.USER,
                List.of(new ContentPart.Opaque("input_audio", Map.of("type", "input_audio"))), List.of(), null, null)));

        assertThatThrownBy(() -> write(request)).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure().message()).contains("input_audio"));
    }

    @Test
    void toolCallsCarryObjectArgumentsAndToolResultsNameTheirTool() throws IOException {
        ChatRequest request = request(List.of(
                Message.text(Role.USER, "Weather in Paris?"),
                new Message(Role.ASSISTANT, List.of(), List.of(
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\",\"units\":[\"C\"]}"),
                        new ToolCall("call_2", "get_time", "")), null, null),
                new Message(Role.TOOL, List.of(new ContentPart.Text("18 C")), List.of(), "call_1", null),
                new Message(Role.TOOL, List.of(new ContentPart.Text("noon")), List.of(), "call_unknown", null)));

        JsonNode messages = write(request).path("messages");

        JsonNode calls = messages.at("/1/tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.at("/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(calls.at("/0/function/arguments")).isEqualTo(Json.read("{\"city\":\"Paris\",\"units\":[\"C\"]}"));
        assertThat(calls.at("/1/function/arguments").isObject()).isTrue();
        assertThat(calls.at("/1/function/arguments")).isEmpty();
        assertThat(messages.at("/1/content").asText()).isEmpty();
        assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/2/content").asText()).isEqualTo("18 C");
        assertThat(messages.at("/2/tool_name").asText()).isEqualTo("get_weather");
        assertThat(messages.at("/3").has("tool_name")).isFalse();
    }

    @Test
    void toolCallArgumentsThatAreNotAJsonObjectAreRefused() {
        ChatRequest request = request(List.of(new Message(Role.ASSISTANT, List.of(),
                List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Par")), null, null)));

        assertThatThrownBy(() -> write(request)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e.failure().message()).contains("get_weather");
        });
    }

    @Test
    void toolsAreOfferedAsFunctionsUnlessTheClientChoseNone() throws IOException {
        Map<String, Object> parameters = Map.of("type", "object", "properties",
                Map.of("city", Map.of("type", "string")), "required", List.of("city"));
        ToolDefinition tool = new ToolDefinition("get_weather", "Current weather", parameters, true);

        JsonNode tools = write(withTools(List.of(tool), "auto")).path("tools");

        assertThat(tools).hasSize(1);
        assertThat(tools.at("/0/type").asText()).isEqualTo("function");
        assertThat(tools.at("/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(tools.at("/0/function/description").asText()).isEqualTo("Current weather");
        assertThat(tools.at("/0/function/parameters/required/0").asText()).isEqualTo("city");
        assertThat(write(withTools(List.of(tool), "none")).has("tools")).isFalse();
    }

    @Test
    void jsonModeAsksForJsonAndASchemaIsSentAsTheFormat() throws IOException {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("age", Map.of("type", "integer")));

        assertThat(write(withFormat(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null)))
                .path("format").asText()).isEqualTo("json");
        JsonNode format = write(withFormat(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "person", schema, true)))
                .path("format");
        assertThat(format.isObject()).isTrue();
        assertThat(format.at("/properties/age/type").asText()).isEqualTo("integer");
        assertThat(write(withFormat(new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null))).has("format"))
                .isFalse();
    }

    @Test
    void samplingOptionsUseOllamaNames() throws IOException {
        Sampling sampling = new Sampling(0.2, 0.9, 40, 300, true, List.of("###"), 7L, 0.5, 0.25);

        JsonNode options = write(request(List.of(Message.text(Role.USER, "hi")), sampling, Map.of())).path("options");

        assertThat(options.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(options.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(options.path("top_k").asInt()).isEqualTo(40);
        assertThat(options.path("num_predict").asInt()).isEqualTo(300);
        assertThat(options.at("/stop/0").asText()).isEqualTo("###");
        assertThat(options.path("seed").asLong()).isEqualTo(7L);
        assertThat(options.path("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(options.path("frequency_penalty").asDouble()).isEqualTo(0.25);
        assertThat(options.path("num_ctx").asInt()).isEqualTo(OllamaOptions.MIN_CONTEXT);
    }

    @Test
    void numCtxFitsALongPromptWithRoomForTheAnswer() throws IOException {
        String document = "The quick brown fox jumps over the lazy dog near the riverbank at dawn. ".repeat(2000);
        ChatRequest request = request(List.of(Message.text(Role.USER, document)),
                new Sampling(null, null, null, 2000, false, List.of(), null, null, null), Map.of());
        int promptTokens = TOKENS.countPrompt(request);

        int numCtx = write(request).at("/options/num_ctx").asInt();

        assertThat(promptTokens).isGreaterThan(20_000);
        assertThat(numCtx).isGreaterThan(promptTokens + 2000).isEqualTo(numCtx / 1024 * 1024);
        assertThat(numCtx).isGreaterThanOrEqualTo((int) (promptTokens * 1.25));
    }

    @ParameterizedTest(name = "{0} prompt tokens, max {1} -> num_ctx {2}")
    @CsvSource({"10, , 4096", "3000, , 5120", "3000, 8000, 12288", "100000, 4096, 130048"})
    void numCtxIsRoundedUpToWholeKilotokensAndNeverBelowTheDefault(int prompt, Integer maxTokens, int expected) {
        assertThat(OllamaOptions.contextWindow(prompt, maxTokens)).isEqualTo(expected);
    }

    @Test
    void ollamaFieldsFromTheClientPassThroughAndOpenAiOnesDoNot() throws IOException {
        Map<String, Object> extra = Map.of("keep_alive", "10m", "think", "high", "user", "alice",
                "options", Map.of("num_ctx", 65536, "repeat_penalty", 1.1, "temperature", 0.9));
        Sampling sampling = new Sampling(0.1, null, null, null, false, List.of(), null, null, null);

        JsonNode body = write(request(List.of(Message.text(Role.USER, "hi")), sampling, extra));

        assertThat(body.path("keep_alive").asText()).isEqualTo("10m");
        assertThat(body.path("think").asText()).isEqualTo("high");
        assertThat(body.has("user")).isFalse();
        assertThat(body.at("/options/num_ctx").asInt()).as("a larger window the client asked for").isEqualTo(65536);
        assertThat(body.at("/options/repeat_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.at("/options/temperature").asDouble()).as("the canonical value wins").isEqualTo(0.1);
    }

    @Test
    void aSmallerWindowFromTheClientIsNotAllowedToTruncateThePrompt() throws IOException {
        Map<String, Object> extra = Map.of("options", Map.of("num_ctx", 512));

        JsonNode body = write(request(List.of(Message.text(Role.USER, "hi")), Sampling.NONE, extra));

        assertThat(body.at("/options/num_ctx").asInt()).isEqualTo(OllamaOptions.MIN_CONTEXT);
    }

    private static JsonNode write(ChatRequest request) throws IOException {
        return Json.read(OllamaRequestWriter.write(request, "llama3.2", TOKENS.countPrompt(request)).getBytes());
    }

    private static ChatRequest request(List<Message> messages) {
        return request(messages, Sampling.NONE, Map.of());
    }

    private static ChatRequest request(List<Message> messages, Sampling sampling, Map<String, Object> extra) {
        return new ChatRequest("local", messages, List.of(), null, null, sampling, true, false, extra);
    }

    private static ChatRequest withTools(List<ToolDefinition> tools, Object toolChoice) {
        return new ChatRequest("local", List.of(Message.text(Role.USER, "hi")), tools, toolChoice, null,
                Sampling.NONE, false, false, Map.of());
    }

    private static ChatRequest withFormat(ResponseFormat format) {
        return new ChatRequest("local", List.of(Message.text(Role.USER, "hi")), List.of(), null, format,
                Sampling.NONE, false, false, Map.of());
    }
}
