package dev.hearth.ingress.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.GatewayException;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.ResponseFormat;
import dev.hearth.model.Role;
import dev.hearth.model.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input item kind, the request settings, and each refusal naming its field. */
class ResponsesDecoderTest {

    private static ResponsesRequest decode(String json) {
        try {
            return ResponsesDecoder.decode(Json.read(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static ChatRequest chat(String json) {
        return decode(json).chat();
    }

    @Test
    void aStringInputIsOneUserTurnAndInstructionsComeFirstAsTheSystemTurn() {
        ChatRequest request = chat("""
                {"model":"m","instructions":"Be brief.","input":"Hello"}""");
        assertThat(request.model()).isEqualTo("m");
        assertThat(request.messages()).containsExactly(Message.text(Role.SYSTEM, "Be brief."),
                Message.text(Role.USER, "Hello"));
        assertThat(request.stream()).isFalse();
    }

    @Test
    void messageItemsTakeEveryRoleWithOrWithoutTypeAndDeveloperIsASystemTurn() {
        ChatRequest request = chat("""
                {"model":"m","input":[
                  {"role":"developer","content":"rules"},
                  {"role":"system","content":"more rules"},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"hi"},
                    {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"low"}]},
                  {"type":"message","role":"assistant","id":"msg_1","status":"completed",
                   "content":[{"type":"output_text","text":"hello","annotations":[]}]}]}""");
        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.SYSTEM, Role.USER, Role.ASSISTANT);
        assertThat(request.messages().get(2).content()).containsExactly(new ContentPart.Text("hi"),
                new ContentPart.Image("data:image/png;base64,AAAA", "low"));
        assertThat(request.messages().get(3).joinedText()).isEqualTo("hello");
    }

    @Test
    void functionCallsJoinTheAssistantTurnBeforeThemAndOutputsBecomeToolTurns() {
        ChatRequest request = chat("""
                {"model":"m","input":[
                  {"role":"user","content":"weather in Oslo and Bergen?"},
                  {"type":"message","role":"assistant","content":"Checking."},
                  {"type":"function_call","id":"fc_1","call_id":"call_a","name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"},
                  {"type":"function_call","call_id":"call_b","name":"weather","arguments":"{\\"city\\":\\"Bergen\\"}"},
                  {"type":"function_call_output","call_id":"call_a","output":"rain"},
                  {"type":"function_call_output","call_id":"call_b","output":[{"type":"input_text","text":"sun"}]},
                  {"type":"function_call","call_id":"call_c","name":"weather","arguments":"{}"}]}""");
        List<Message> turns = request.messages();
        assertThat(turns).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT);
        assertThat(turns.get(1).joinedText()).isEqualTo("Checking.");
        assertThat(turns.get(1).toolCalls()).containsExactly(
                new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}"),
                new ToolCall("call_b", "weather", "{\"city\":\"Bergen\"}"));
        assertThat(turns.get(2).toolCallId()).isEqualTo("call_a");
        assertThat(turns.get(2).joinedText()).isEqualTo("rain");
        assertThat(turns.get(3).joinedText()).isEqualTo("sun");
        assertThat(turns.get(4).content()).isEmpty();
        assertThat(turns.get(4).toolCalls()).extracting(ToolCall::id).containsExactly("call_c");
    }

    @Test
    void reasoningItemsSentBackByTheClientAreDropped() {
        ChatRequest request = chat("""
                {"model":"m","input":[{"role":"user","content":"x"},
                  {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"opaque"},
                  {"type":"message","role":"assistant","content":"y"}]}""");
        assertThat(request.messages()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
    }

    @Test
    void functionToolsBecomeCanonicalToolsAndAToolChoiceNamingOneTakesTheChatShape() {
        ResponsesRequest decoded = decode("""
                {"model":"m","input":"x","parallel_tool_calls":false,"tools":[{"type":"function","name":"lookup",
                  "description":"Find it","parameters":{"type":"object"},"strict":true}],
                 "tool_choice":{"type":"function","name":"lookup"}}""");
        ChatRequest request = decoded.chat();
        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("lookup");
            assertThat(tool.description()).isEqualTo("Find it");
            assertThat(tool.parameters()).isEqualTo(Map.of("type", "object"));
            assertThat(tool.strict()).isTrue();
        });
        assertThat(request.toolChoice()).isEqualTo(Map.of("type", "function", "function", Map.of("name", "lookup")));
        assertThat(request.extra()).containsEntry("parallel_tool_calls", false);
        assertThat(decoded.echo().toolChoice().path("name").asText()).isEqualTo("lookup");
        assertThat(decoded.echo().parallelToolCalls()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    void toolChoiceWordsPassAsTheyAre(String choice) {
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"" + choice + "\"}").toolChoice())
                .isEqualTo(choice);
    }

    static Stream<String> toolChoices() {
        return Stream.of("auto", "none", "required");
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("{\"type\":\"text\"}", new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null)),
                Arguments.of("{\"type\":\"json_object\"}",
                        new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null)),
                Arguments.of("{\"type\":\"json_schema\",\"name\":\"city\",\"strict\":true,"
                        + "\"schema\":{\"type\":\"object\"}}", new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA,
                        "city", Map.of("type", "object"), true)));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void textFormatBecomesTheCanonicalResponseFormat(String format, ResponseFormat expected) {
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":" + format + "}}").responseFormat())
                .isEqualTo(expected);
    }

    @Test
    void samplingOptionsAndUserAreTranslatedAndResponsesOnlyFieldsStayBehind() {
        ResponsesRequest decoded = decode("""
                {"model":"m","input":"x","max_output_tokens":64,"temperature":0.2,"top_p":0.9,"stream":true,
                 "user":"u-1","metadata":{"ticket":"42"},"store":true,"reasoning":{"effort":"low"},
                 "include":["reasoning.encrypted_content"],"prompt_cache_key":"k"}""");
        ChatRequest request = decoded.chat();
        assertThat(request.sampling().maxTokens()).isEqualTo(64);
        assertThat(request.sampling().temperature()).isEqualTo(0.2);
        assertThat(request.sampling().topP()).isEqualTo(0.9);
        assertThat(request.stream()).isTrue();
        assertThat(request.extra()).isEqualTo(Map.of("user", "u-1"));
        assertThat(decoded.echo().metadata().path("ticket").asText()).isEqualTo("42");
        assertThat(decoded.echo().maxOutputTokens()).isEqualTo(64);
    }

    @Test
    void withNothingToEchoTheDocumentedDefaultsAreEchoed() {
        ResponsesRequest.Echo echo = decode("{\"model\":\"m\",\"input\":\"x\"}").echo();
        assertThat(echo.tools().isArray() && echo.tools().isEmpty()).isTrue();
        assertThat(echo.toolChoice().asText()).isEqualTo("auto");
        assertThat(echo.text().at("/format/type").asText()).isEqualTo("text");
        assertThat(echo.metadata().isObject() && echo.metadata().isEmpty()).isTrue();
        assertThat(echo.parallelToolCalls()).isTrue();
        assertThat(echo.temperature()).isNull();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("{\"input\":\"x\"}", "model", "required"),
                Arguments.of("{\"model\":\"m\"}", "input", "required"),
                Arguments.of("{\"model\":\"m\",\"input\":[]}", "input", "empty"),
                Arguments.of("{\"model\":\"m\",\"input\":7}", "input", "string or an array"),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                        "input[0].role", "wizard"),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"output_text\","
                        + "\"text\":\"x\"}]}]}", "input[0].content[0].type", "assistant"),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\","
                        + "\"arguments\":\"{}\"}]}", "input[0].call_id", "required"),
                Arguments.of("{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\"}]}",
                        "input[0].output", "required"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":0}", "max_output_tokens",
                        "at least 1"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"temperature\":\"hot\"}", "temperature", "number"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"always\"}", "tool_choice",
                        "always"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"yaml\"}}}",
                        "text.format.type", "yaml"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\","
                        + "\"schema\":{}}}}", "text.format.name", "required"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"metadata\":{\"n\":1}}", "metadata.n", "string"),
                Arguments.of("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\"}]}",
                        "tools[0].name", "required"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheField(String body, String param, String words) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().httpStatus()).isEqualTo(400);
            assertThat(e.error().param()).isEqualTo(param);
            assertThat(e.error().message()).contains(words);
        });
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("\"previous_response_id\":\"resp_1\"", "previous_response_id", "does not store"),
                Arguments.of("\"conversation\":\"conv_1\"", "conversation", "does not store"),
                Arguments.of("\"prompt\":{\"id\":\"pmpt_1\"}", "prompt", "does not store"),
                Arguments.of("\"background\":true", "background", "background"),
                Arguments.of("\"tools\":[{\"type\":\"web_search\"}]", "tools[0].type", "'web_search'"),
                Arguments.of("\"tools\":[{\"type\":\"file_search\",\"vector_store_ids\":[\"vs\"]}]", "tools[0].type",
                        "'file_search'"),
                Arguments.of("\"tools\":[{\"type\":\"code_interpreter\",\"container\":{\"type\":\"auto\"}}]",
                        "tools[0].type", "'code_interpreter'"),
                Arguments.of("\"tool_choice\":{\"type\":\"web_search_preview\"}", "tool_choice.type",
                        "'web_search_preview'"));
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void featuresThatNeedOpenAisServersAreRefusedAsUnsupportedByHearth(String field, String param, String words) {
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"input\":\"x\"," + field + "}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().httpStatus()).isEqualTo(400);
                    assertThat(e.error().param()).isEqualTo(param);
                    assertThat(e.error().code()).isEqualTo("unsupported_parameter");
                    assertThat(e.error().message()).contains(words).contains("Hearth");
                });
    }

    static Stream<Arguments> unsupportedItems() {
        return Stream.of(
                Arguments.of("{\"type\":\"item_reference\",\"id\":\"msg_1\"}", "input[0].type"),
                Arguments.of("{\"type\":\"web_search_call\",\"id\":\"ws_1\",\"status\":\"completed\"}",
                        "input[0].type"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}",
                        "input[0].content[0].file_id"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_id\":\"file-1\"}]}",
                        "input[0].content[0].type"));
    }

    @ParameterizedTest
    @MethodSource("unsupportedItems")
    void inputThatPointsAtOpenAisStorageIsRefusedNamingTheItem(String item, String param) {
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"input\":[" + item + "]}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().param()).isEqualTo(param);
                    assertThat(e.error().code()).isEqualTo("unsupported_parameter");
                });
    }

    @ParameterizedTest
    @MethodSource("harmless")
    void storeEitherWayAndBackgroundOffAreAccepted(String field) {
        assertThatCode(() -> decode("{\"model\":\"m\",\"input\":\"x\"," + field + "}"))
                .doesNotThrowAnyException();
    }

    static Stream<String> harmless() {
        return Stream.of("\"store\":false", "\"store\":true", "\"background\":false",
                "\"previous_response_id\":null");
    }
}
