package dev.hearth.ingress.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayException;
import dev.hearth.json.Json;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.ContentPart;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.ToolCall;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Anthropic Messages request bodies, shaped as the API documents them, decoded into the canonical request. */
class MessagesDecoderTest {

    private static MessagesDecoder.Decoded decoded(String json) {
        try {
            return MessagesDecoder.decode(Json.read(json));
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static ChatRequest decode(String json) {
        return decoded(json).request();
    }

    /** A request whose only turn is {@code turn}, plus any top-level {@code extra} fields. */
    private static String request(String extra, String... turns) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024," + extra + "\"messages\":["
                + String.join(",", turns) + "]}";
    }

    private static String user(String content) {
        return "{\"role\":\"user\",\"content\":" + content + "}";
    }

    @Test
    void aPlainStringTurnBecomesOneUserMessageWithTheTokenLimit() {
        ChatRequest request = decode(request("", user("\"Hello, Claude\"")));
        assertThat(request.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.messages()).containsExactly(Message.text(Role.USER, "Hello, Claude"));
        assertThat(request.sampling().maxTokens()).isEqualTo(1024);
        assertThat(request.stream()).isFalse();
        assertThat(request.extra()).isEmpty();
    }

    static Stream<Arguments> systemPrompts() {
        return Stream.of(
                Arguments.of("\"You are a seasoned data scientist.\"", "You are a seasoned data scientist."),
                Arguments.of("""
                        [{"type":"text","text":"You are Claude Code."},
                         {"type":"text","text":"Be terse.","cache_control":{"type":"ephemeral"}}]""",
                        "You are Claude Code.\n\nBe terse."));
    }

    @ParameterizedTest
    @MethodSource("systemPrompts")
    void theSystemPromptAsAStringOrAsCachedTextBlocksBecomesOneSystemMessage(String system, String expected) {
        ChatRequest request = decode(request("\"system\":" + system + ",", user("\"Hi\"")));
        assertThat(request.messages().getFirst()).isEqualTo(Message.text(Role.SYSTEM, expected));
        assertThat(request.messages()).hasSize(2);
    }

    @Test
    void aMultiTurnConversationKeepsItsOrderAndRoles() {
        ChatRequest request = decode(request("\"temperature\":0.5,\"top_p\":0.9,\"top_k\":40,"
                + "\"stop_sequences\":[\"\\n\\nHuman:\"],\"stream\":true,",
                user("\"Hello there.\""),
                "{\"role\":\"assistant\",\"content\":\"Hi, I'm Claude. How can I help you?\"}",
                user("[{\"type\":\"text\",\"text\":\"Can you explain LLMs in plain English?\"}]")));
        assertThat(request.messages()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(request.messages().get(2).joinedText()).isEqualTo("Can you explain LLMs in plain English?");
        assertThat(request.sampling().temperature()).isEqualTo(0.5);
        assertThat(request.sampling().topP()).isEqualTo(0.9);
        assertThat(request.sampling().topK()).isEqualTo(40);
        assertThat(request.sampling().stop()).containsExactly("\n\nHuman:");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).as("Anthropic streams always carry usage").isTrue();
    }

    @Test
    void base64AndUrlImagesBecomeImageParts() {
        ChatRequest request = decode(request("", user("""
                [{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQSkZJRg=="}},
                 {"type":"image","source":{"type":"url","url":"https://example.com/ant.jpg"}},
                 {"type":"text","text":"What is in these images?"}]""")));
        List<ContentPart> parts = request.messages().getFirst().content();
        assertThat(parts).containsExactly(new ContentPart.Image("data:image/jpeg;base64,/9j/4AAQSkZJRg==", null),
                new ContentPart.Image("https://example.com/ant.jpg", null),
                new ContentPart.Text("What is in these images?"));
        assertThat(((ContentPart.Image) parts.getFirst()).mediaType()).isEqualTo("image/jpeg");
    }

    @Test
    void toolUseAndToolResultsBecomeToolCallsAndToolMessagesAnsweredFirst() {
        ChatRequest request = decode(request("""
                "tools":[{"name":"get_weather","description":"Get the current weather",
                  "input_schema":{"type":"object","properties":{"location":{"type":"string"}},
                                  "required":["location"]}}],
                """, user("\"What's the weather in Paris and London?\""), """
                {"role":"assistant","content":[{"type":"text","text":"I'll check both."},
                  {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"location":"Paris"}},
                  {"type":"tool_use","id":"toolu_02","name":"get_weather","input":{"location":"London"}}]}""",
                user("""
                [{"type":"tool_result","tool_use_id":"toolu_01","content":"15 degrees"},
                 {"type":"tool_result","tool_use_id":"toolu_02","is_error":true,
                  "content":[{"type":"text","text":"station offline"},{"type":"text","text":"try later"}]},
                 {"type":"text","text":"Thanks, summarise please."}]""")));
        assertThat(request.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.description()).isEqualTo("Get the current weather");
            assertThat(tool.parameters()).containsEntry("required", List.of("location"));
        });
        Message assistant = request.messages().get(1);
        assertThat(assistant.joinedText()).isEqualTo("I'll check both.");
        assertThat(assistant.toolCalls()).containsExactly(
                new ToolCall("toolu_01", "get_weather", "{\"location\":\"Paris\"}"),
                new ToolCall("toolu_02", "get_weather", "{\"location\":\"London\"}"));
        assertThat(request.messages().subList(2, 5)).extracting(Message::role)
                .containsExactly(Role.TOOL, Role.TOOL, Role.USER);
        assertThat(request.messages().get(2).toolCallId()).isEqualTo("toolu_01");
        assertThat(request.messages().get(2).joinedText()).isEqualTo("15 degrees");
        assertThat(request.messages().get(3).toolCallId()).isEqualTo("toolu_02");
        assertThat(request.messages().get(3).joinedText()).isEqualTo("Error: station offline\ntry later");
        assertThat(request.messages().get(4).joinedText()).isEqualTo("Thanks, summarise please.");
    }

    @Test
    void aToolResultMayCarryAnImageAndMayBeEmpty() {
        ChatRequest request = decode(request("", user("""
                [{"type":"tool_result","tool_use_id":"toolu_9","content":[{"type":"text","text":"screenshot"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
                 {"type":"tool_result","tool_use_id":"toolu_10"}]""")));
        assertThat(request.messages().get(0).content()).containsExactly(new ContentPart.Text("screenshot"),
                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null));
        assertThat(request.messages().get(1).content()).isEmpty();
        assertThat(request.messages().get(1).toolCallId()).isEqualTo("toolu_10");
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of("{\"type\":\"auto\"}", "auto"),
                Arguments.of("{\"type\":\"any\"}", "required"),
                Arguments.of("{\"type\":\"none\"}", "none"),
                Arguments.of("{\"type\":\"tool\",\"name\":\"lookup\"}",
                        Map.of("type", "function", "function", Map.of("name", "lookup"))));
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    void toolChoicesBecomeTheirCanonicalForm(String choice, Object expected) {
        ChatRequest request = decode(request("\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":" + choice + ",", user("\"x\"")));
        assertThat(request.toolChoice()).isEqualTo(expected);
        assertThat(request.extra()).isEmpty();
    }

    @Test
    void disablingParallelToolUseBecomesParallelToolCallsFalse() {
        ChatRequest request = decode(request("\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true},", user("\"x\"")));
        assertThat(request.extra()).containsExactly(Map.entry("parallel_tool_calls", false));
    }

    @Test
    void thinkingIsAcceptedAndPastThinkingBlocksAreDropped() {
        MessagesDecoder.Decoded decoded = decoded(request(
                "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},", user("\"Prove it\""), """
                {"role":"assistant","content":[{"type":"thinking","thinking":"Let me see","signature":"EqQB"},
                  {"type":"redacted_thinking","data":"EmwK"},{"type":"text","text":"It holds."}]}""",
                user("\"Why?\"")));
        assertThat(decoded.thinking()).isTrue();
        assertThat(decoded.request().messages().get(1)).isEqualTo(Message.text(Role.ASSISTANT, "It holds."));
        assertThat(decoded(request("\"thinking\":{\"type\":\"disabled\"},", user("\"x\""))).thinking()).isFalse();
        assertThat(decoded(request("", user("\"x\""))).thinking()).isFalse();
    }

    @Test
    void aClaudeCodeShapedRequestIsAcceptedWithItsServiceFieldsIgnored() {
        ChatRequest request = decode("""
                {"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,
                 "metadata":{"user_id":"user_abc_account_def_session_123"},
                 "system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.",
                            "cache_control":{"type":"ephemeral"}},
                           {"type":"text","text":"You are an interactive CLI tool.",
                            "cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[
                   {"type":"text","text":"<system-reminder>context</system-reminder>"},
                   {"type":"text","text":"fix the build","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[{"name":"Bash","description":"Run a command","input_schema":{"type":"object",
                   "properties":{"command":{"type":"string"}},"required":["command"]},
                   "cache_control":{"type":"ephemeral"}}],
                 "thinking":{"type":"enabled","budget_tokens":31999},
                 "context_management":{"edits":[]},"service_tier":"auto","temperature":1}""");
        assertThat(request.messages().getFirst().joinedText())
                .isEqualTo("You are Claude Code, Anthropic's official CLI for Claude.\n\n"
                        + "You are an interactive CLI tool.");
        assertThat(request.messages().get(1).content()).hasSize(2);
        assertThat(request.tools()).extracting(t -> t.name()).containsExactly("Bash");
        assertThat(request.extra()).isEmpty();
    }

    @Test
    void plainTextDocumentsBecomeTitledText() {
        ChatRequest request = decode(request("", user("""
                [{"type":"document","title":"notes.txt","source":{"type":"text","media_type":"text/plain",
                  "data":"The grass is green."}},{"type":"text","text":"What colour is the grass?"}]""")));
        assertThat(request.messages().getFirst().content().getFirst())
                .isEqualTo(new ContentPart.Text("notes.txt\n\nThe grass is green."));
    }

    @Test
    void anEmptyFinalAssistantTurnIsDropped() {
        ChatRequest request = decode(request("", user("\"Hi\""), "{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(request.messages()).containsExactly(Message.text(Role.USER, "Hi"));
    }

    @Test
    void countingTokensNeedsNoTokenLimit() throws IOException {
        ChatRequest request = MessagesDecoder.decodeForCounting(Json.read(
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
                .request();
        assertThat(request.sampling().maxTokens()).isNull();
    }

    static Stream<Arguments> badRequests() {
        String ok = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        return Stream.of(
                Arguments.of("[]", null),
                Arguments.of("{\"max_tokens\":10," + ok + "}", "model"),
                Arguments.of("{\"model\":\"m\"," + ok + "}", "max_tokens"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":0," + ok + "}", "max_tokens"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":\"10\"," + ok + "}", "max_tokens"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":10}", "messages"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[]}", "messages"),
                Arguments.of(request("", "{\"role\":\"system\",\"content\":\"x\"}"), "messages[0].role"),
                Arguments.of(request("", user("\"\"")), "messages[0].content"),
                Arguments.of(request("", user("42")), "messages[0].content"),
                Arguments.of(request("", user("[{\"text\":\"x\"}]")), "messages[0].content[0].type"),
                Arguments.of(request("", user("[{\"type\":\"audio\"}]")), "messages[0].content[0].type"),
                Arguments.of(request("", user("[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]")),
                        "messages[0].content[0]"),
                Arguments.of(request("", "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\","
                        + "\"tool_use_id\":\"t\"}]}"), "messages[0].content[0]"),
                Arguments.of(request("", user("[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                        + "\"media_type\":\"image/tiff\",\"data\":\"AA==\"}}]")),
                        "messages[0].content[0].source.media_type"),
                Arguments.of(request("", user("[{\"type\":\"image\",\"source\":{\"type\":\"file\","
                        + "\"file_id\":\"file_1\"}}]")), "messages[0].content[0].source.type"),
                Arguments.of(request("", user("[{\"type\":\"document\",\"source\":{\"type\":\"base64\","
                        + "\"media_type\":\"application/pdf\",\"data\":\"JVBE\"}}]")),
                        "messages[0].content[0].source.type"),
                Arguments.of(request("", user("[{\"type\":\"tool_result\",\"content\":\"x\"}]")),
                        "messages[0].content[0].tool_use_id"),
                Arguments.of(request("", "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\","
                        + "\"name\":\"n\",\"input\":\"{}\"}]}"), "messages[0].content[0].input"),
                Arguments.of(request("\"system\":42,", user("\"x\"")), "system"),
                Arguments.of(request("\"system\":[{\"type\":\"image\"}],", user("\"x\"")), "system[0]"),
                Arguments.of(request("\"temperature\":1.5,", user("\"x\"")), "temperature"),
                Arguments.of(request("\"top_p\":\"high\",", user("\"x\"")), "top_p"),
                Arguments.of(request("\"stop_sequences\":\"END\",", user("\"x\"")), "stop_sequences"),
                Arguments.of(request("\"stop_sequences\":[1],", user("\"x\"")), "stop_sequences[0]"),
                Arguments.of(request("\"stream\":\"yes\",", user("\"x\"")), "stream"),
                Arguments.of(request("\"metadata\":\"abc\",", user("\"x\"")), "metadata"),
                Arguments.of(request("\"tools\":[{\"name\":\"t\"}],", user("\"x\"")), "tools[0].input_schema"),
                Arguments.of(request("\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],",
                        user("\"x\"")), "tools[0].type"),
                Arguments.of(request("\"tools\":[{\"name\":\"t\",\"input_schema\":{}},{\"name\":\"t\","
                        + "\"input_schema\":{}}],", user("\"x\"")), "tools[1].name"),
                Arguments.of(request("\"tool_choice\":{\"type\":\"sometimes\"},", user("\"x\"")), "tool_choice.type"),
                Arguments.of(request("\"tool_choice\":{\"type\":\"tool\",\"name\":\"missing\"},", user("\"x\"")),
                        "tool_choice.name"),
                Arguments.of(request("\"thinking\":{\"type\":\"enabled\"},", user("\"x\"")),
                        "thinking.budget_tokens"),
                Arguments.of(request("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100},", user("\"x\"")),
                        "thinking.budget_tokens"),
                Arguments.of(request("\"mcp_servers\":[{\"type\":\"url\",\"url\":\"https://mcp.example\"}],",
                        user("\"x\"")), "mcp_servers"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputIsRefusedWithA400NamingTheField(String body, String field) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, refused -> {
            assertThat(refused.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(refused.error().param()).isEqualTo(field);
            if (field != null) {
                assertThat(refused.error().message()).contains(field);
            }
        });
    }
}
