package dev.hearth.provider.anthropic;

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
import dev.hearth.provider.UpstreamFailure;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicRequestWriterTest {
    static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Current weather",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))), null);

    static ChatRequest request(List<Message> messages) {
        return new ChatRequest("claude", messages, List.of(), null, null, Sampling.NONE, true, false, Map.of());
    }

    static ChatRequest withTools(Object toolChoice, Map<String, Object> extra, Message... messages) {
        return new ChatRequest("claude", List.of(messages), List.of(WEATHER), toolChoice, null, Sampling.NONE, true,
                false, extra);
    }

    static JsonNode write(ChatRequest request) throws Exception {
        return Json.read(AnthropicRequestWriter.write(request, "claude-sonnet-4-5").getBytes());
    }

    static Message user(String text) {
        return Message.text(Role.USER, text);
    }

    static Message assistant(String text) {
        return Message.text(Role.ASSISTANT, text);
    }

    static Message toolResult(String callId, String text) {
        return new Message(Role.TOOL, List.of(new ContentPart.Text(text)), List.of(), callId, null);
    }

    static Message withParts(Role role, ContentPart... parts) {
        return new Message(role, List.of(parts), List.of(), null, null);
    }

    static UpstreamFailure refusal(ChatRequest request) {
        try {
            AnthropicRequestWriter.write(request, "claude-sonnet-4-5");
        } catch (UpstreamException e) {
            return e.failure();
        }
        throw new AssertionError("the writer accepted the request");
    }

    @Test
    void writesTheModelAndAlwaysStreams() throws Exception {
        JsonNode body = write(request(List.of(user("Hi"))));

        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages")).isEqualTo(Json.read("""
                [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]"""));
    }

    @Test
    void systemMessagesBecomeTheTopLevelSystemText() throws Exception {
        JsonNode body = write(request(List.of(Message.text(Role.SYSTEM, "Be brief."), user("Hi"),
                Message.text(Role.SYSTEM, "Answer in French."), assistant("Salut"))));

        assertThat(body.path("system").asText()).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(body.path("messages").findValuesAsText("role")).containsExactly("user", "assistant");
    }

    @Test
    void consecutiveTurnsOfTheSameSideAreMergedSoTheyAlternate() throws Exception {
        JsonNode body = write(request(List.of(user("one"), user("two"), assistant("three"), assistant("four"),
                user("five"))));

        JsonNode messages = body.path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant", "user");
        assertThat(messages.get(0).path("content").findValuesAsText("text")).containsExactly("one", "two");
        assertThat(messages.get(1).path("content").findValuesAsText("text")).containsExactly("three", "four");
    }

    @Test
    void aConversationOpeningWithTheAssistantGetsAUserTurnFirst() throws Exception {
        JsonNode body = write(request(List.of(Message.text(Role.SYSTEM, "sys"), assistant("How can I help?"),
                user("Hi"))));

        JsonNode messages = body.path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant", "user");
        assertThat(messages.get(0).path("content").get(0).path("text").asText())
                .isEqualTo(AnthropicTurnWriter.OPENING_PLACEHOLDER);
    }

    @Test
    void emptyTextIsLeftOutBecauseAnthropicRejectsIt() throws Exception {
        JsonNode body = write(request(List.of(user("Hi"), assistant(""), user("again"))));

        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("content").findValuesAsText("text"))
                .containsExactly("Hi", "again");
    }

    @Test
    void dataUrlImagesAreSentAsBase64AndWebImagesByUrl() throws Exception {
        JsonNode body = write(request(List.of(withParts(Role.USER, new ContentPart.Text("What is this?"),
                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null),
                new ContentPart.Image("https://example.com/cat.jpg", "high")))));

        assertThat(body.path("messages").get(0).path("content")).isEqualTo(Json.read("""
                [{"type": "text", "text": "What is this?"},
                 {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                 {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}]"""));
    }

    @Test
    void imagesAnthropicCannotFetchAreABadRequest() {
        UpstreamFailure failure = refusal(request(List.of(withParts(Role.USER,
                new ContentPart.Image("file:///etc/passwd", null)))));

        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.BAD_REQUEST);
    }

    @Test
    void opaquePartsAreABadRequestNamingTheirType() {
        UpstreamFailure failure = refusal(request(List.of(withParts(Role.USER,
                new ContentPart.Opaque("input_audio", Map.of("type", "input_audio"))))));

        assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.BAD_REQUEST);
        assertThat(failure.message()).contains("input_audio");
    }

    @Test
    void toolCallsAndResultsRoundTripAsToolUseAndToolResultBlocks() throws Exception {
        Message calls = new Message(Role.ASSISTANT, List.of(new ContentPart.Text("Checking.")), List.of(
                new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("toolu_2", "get_weather", "{\"city\":\"Oslo\"}")), null, null);

        JsonNode body = write(withTools(null, Map.of(), user("Weather in Paris and Oslo?"), calls,
                toolResult("toolu_1", "18°C"), toolResult("toolu_2", "4°C"), user("Thanks, and tomorrow?")));

        JsonNode messages = body.path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant", "user");
        assertThat(messages.get(1).path("content")).isEqualTo(Json.read("""
                [{"type": "text", "text": "Checking."},
                 {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}},
                 {"type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": {"city": "Oslo"}}]"""));
        assertThat(messages.get(2).path("content")).isEqualTo(Json.read("""
                [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "18°C"},
                 {"type": "tool_result", "tool_use_id": "toolu_2", "content": "4°C"},
                 {"type": "text", "text": "Thanks, and tomorrow?"}]"""));
    }

    @Test
    void toolResultsComeFirstInAMergedUserTurn() throws Exception {
        Message call = new Message(Role.ASSISTANT, List.of(), List.of(new ToolCall("toolu_1", "get_weather", "")),
                null, null);

        JsonNode body = write(withTools(null, Map.of(), user("Weather?"), call, user("(waiting)"),
                toolResult("toolu_1", "sunny")));

        JsonNode lastTurn = body.path("messages").get(2);
        assertThat(lastTurn.path("content").findValuesAsText("type")).containsExactly("tool_result", "text");
        assertThat(body.path("messages").get(1).path("content").get(0).path("input").isObject()).isTrue();
    }

    @Test
    void aToolResultWithAnImageSendsItsContentAsBlocks() throws Exception {
        Message call = new Message(Role.ASSISTANT, List.of(), List.of(new ToolCall("toolu_1", "screenshot", "{}")),
                null, null);
        Message result = new Message(Role.TOOL, List.of(new ContentPart.Text("Here it is"),
                new ContentPart.Image("data:image/jpeg;base64,/9j/4AAQ", null)), List.of(), "toolu_1", null);

        JsonNode block = write(withTools(null, Map.of(), user("Look"), call, result))
                .path("messages").get(2).path("content").get(0);

        assertThat(block.path("content")).isEqualTo(Json.read("""
                [{"type": "text", "text": "Here it is"},
                 {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}}]"""));
    }

    @Test
    void aSystemPromptWithAnImageIsABadRequest() {
        Message system = withParts(Role.SYSTEM, new ContentPart.Image("https://example.com/logo.png", null));

        assertThat(refusal(request(List.of(system, user("Hi")))).kind()).isEqualTo(UpstreamFailure.Kind.BAD_REQUEST);
    }

    @Test
    void toolArgumentsThatAreNotAJsonObjectAreABadRequest() {
        Message call = new Message(Role.ASSISTANT, List.of(), List.of(new ToolCall("toolu_1", "f", "[1, 2]")), null,
                null);

        assertThat(refusal(withTools(null, Map.of(), user("go"), call)).message()).contains("toolu_1");
    }

    @Test
    void toolsCarryNameDescriptionAndInputSchema() throws Exception {
        ToolDefinition bare = new ToolDefinition("now", null, null, null);
        ChatRequest request = new ChatRequest("claude", List.of(user("Hi")), List.of(WEATHER, bare), null, null,
                Sampling.NONE, true, false, Map.of());

        assertThat(write(request).path("tools")).isEqualTo(Json.read("""
                [{"name": "get_weather", "description": "Current weather",
                  "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}},
                 {"name": "now", "input_schema": {"type": "object", "properties": {}}}]"""));
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of("auto", "{\"type\": \"auto\"}"),
                Arguments.of("required", "{\"type\": \"any\"}"),
                Arguments.of("none", "{\"type\": \"none\"}"),
                Arguments.of(Map.of("type", "function", "function", Map.of("name", "get_weather")),
                        "{\"type\": \"tool\", \"name\": \"get_weather\"}"));
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    void toolChoiceIsTranslated(Object openAiChoice, String anthropicChoice) throws Exception {
        JsonNode body = write(withTools(openAiChoice, Map.of(), user("Hi")));

        assertThat(body.path("tool_choice")).isEqualTo(Json.read(anthropicChoice));
    }

    @Test
    void parallelToolCallsOffBecomesDisableParallelToolUse() throws Exception {
        JsonNode body = write(withTools(null, Map.of("parallel_tool_calls", false), user("Hi")));

        assertThat(body.path("tool_choice")).isEqualTo(Json.read(
                "{\"type\": \"auto\", \"disable_parallel_tool_use\": true}"));
    }

    @Test
    void maxTokensDefaultsBecauseAnthropicRequiresIt() throws Exception {
        assertThat(write(request(List.of(user("Hi")))).path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void samplingOptionsAnthropicKnowsAreSentAndTheOthersDropped() throws Exception {
        Sampling sampling = new Sampling(0.2, 0.9, 40, 300, true, List.of("END", "STOP"), 42L, 0.5, 0.5);
        ChatRequest request = new ChatRequest("claude", List.of(user("Hi")), List.of(), null, null, sampling, false,
                false, Map.of("seed", 42, "user", "u1"));

        JsonNode body = write(request);

        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("top_k").asInt()).isEqualTo(40);
        assertThat(body.path("stop_sequences")).isEqualTo(Json.read("[\"END\", \"STOP\"]"));
        assertThat(body.has("seed") || body.has("presence_penalty") || body.has("frequency_penalty")
                || body.has("stop") || body.has("user")).isFalse();
    }

    @Test
    void jsonResponseFormatsBecomeAnInstructionInTheSystemText() throws Exception {
        var schema = new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "weather",
                Map.of("type", "object", "required", List.of("temp")), true);
        ChatRequest request = new ChatRequest("claude", List.of(Message.text(Role.SYSTEM, "Be brief."), user("Hi")),
                List.of(), null, schema, Sampling.NONE, true, false, Map.of());

        String system = write(request).path("system").asText();

        assertThat(system).startsWith("Be brief.\n\n").contains("JSON only").contains("\"required\":[\"temp\"]");
        ChatRequest object = new ChatRequest("claude", List.of(user("Hi")), List.of(), null,
                new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null), Sampling.NONE, true, false,
                Map.of());
        assertThat(write(object).path("system").asText()).contains("JSON object");
    }
}
