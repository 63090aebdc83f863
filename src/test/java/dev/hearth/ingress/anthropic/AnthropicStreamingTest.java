package dev.hearth.ingress.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.config.FailoverConfig;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamed Anthropic answers on a real socket, served by a fake OpenAI-compatible upstream: the exact framing and
 * order of the events, block indexes, tool input pieces, stop reasons, usage, and an error after the answer began.
 */
class AnthropicStreamingTest {
    private static final Pattern FRAME = Pattern.compile("event: ([a-z_]+)\ndata: (\\{[^\n]*})\n\n");

    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        // The fault tests must not open the breaker for the others: it judges only after a window of 1000 calls.
        gateway = TestGateway.builder().openAi("local", upstream, "local-model")
                .failover(new FailoverConfig(0, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(3), 50, 1000,
                        Duration.ofSeconds(30)))
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static HttpResponse<String> stream(String extra) {
        return gateway.post("/v1/messages", """
                {"model":"local-model","max_tokens":256,"stream":true,%s
                 "messages":[{"role":"user","content":"Hello"}]}""".formatted(extra));
    }

    /** The events after checking that the body is nothing but well-formed frames whose name repeats the type. */
    private static List<SseReader.Event> frames(String body) {
        Matcher frame = FRAME.matcher(body);
        int end = 0;
        while (frame.find() && frame.start() == end) {
            assertThat(json(frame.group(2)).path("type").asText()).isEqualTo(frame.group(1));
            end = frame.end();
        }
        assertThat(end).as("every byte belongs to an event frame:\n" + body).isEqualTo(body.length());
        return SseReader.events(body);
    }

    private static List<String> names(List<SseReader.Event> events) {
        return events.stream().map(SseReader.Event::name).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static JsonNode data(List<SseReader.Event> events, int i) {
        return json(events.get(i).data());
    }

    @Test
    void aTextAnswerStreamsTheDocumentedEventSequence() {
        upstream.enqueue(Answer.text("Hi", " there"));
        HttpResponse<String> response = stream("");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("request-id"))
                .isEqualTo(response.headers().firstValue("x-request-id")).isPresent();
        List<SseReader.Event> events = frames(response.body());
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = data(events, 0).path("message");
        assertThat(start.path("id").asText()).startsWith("msg_");
        assertThat(start.path("model").asText()).isEqualTo("local-model");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.path("stop_reason").isNull()).isTrue();
        assertThat(start.at("/usage/input_tokens").isInt()).isTrue();
        assertThat(data(events, 2).at("/content_block/type").asText()).isEqualTo("text");
        assertThat(data(events, 3).at("/delta/type").asText()).isEqualTo("text_delta");
        assertThat(data(events, 3).at("/delta/text").asText() + data(events, 4).at("/delta/text").asText())
                .isEqualTo("Hi there");
        assertThat(List.of(2, 3, 4, 5)).allSatisfy(i -> assertThat(data(events, i).path("index").asInt()).isZero());
        JsonNode delta = data(events, 6);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/delta/stop_sequence").isNull()).isTrue();
        assertThat(delta.at("/usage/input_tokens").asInt()).isEqualTo(11);
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void aToolCallStreamsItsInputAsJsonPiecesThatReassemble() {
        upstream.enqueue(Answer.toolCall("call_1", "get_weather", "{\"city\":\"Oslo\",\"unit\":\"celsius\"}"));
        HttpResponse<String> response = stream("""
                "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],""");
        List<SseReader.Event> events = frames(response.body());
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode block = data(events, 2).path("content_block");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).isEqualTo("call_1");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input").isObject() && block.path("input").isEmpty()).isTrue();
        StringBuilder input = new StringBuilder();
        for (int i = 3; i <= 4; i++) {
            assertThat(data(events, i).at("/delta/type").asText()).isEqualTo("input_json_delta");
            input.append(data(events, i).at("/delta/partial_json").asText());
        }
        assertThat(json(input.toString()).path("city").asText()).isEqualTo("Oslo");
        assertThat(data(events, 6).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(data(events, 6).at("/usage/output_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void textThenToolsAreSeparateBlocksEachClosedBeforeTheNextOpens() {
        upstream.enqueue(new Answer(List.of("Let me check."), List.of(
                new Answer.ToolCallSpec("call_a", "read", "{\"path\":\"a.txt\"}"),
                new Answer.ToolCallSpec("call_b", "read", "{\"path\":\"b.txt\"}")), 30, 12, "tool_calls"));
        List<SseReader.Event> events = frames(stream("""
                "tools":[{"name":"read","input_schema":{"type":"object"}}],""").body());
        assertThat(names(events)).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(List.of(2, 3, 4)).allSatisfy(i -> assertThat(data(events, i).path("index").asInt()).isEqualTo(0));
        assertThat(List.of(5, 6, 7, 8)).allSatisfy(i -> assertThat(data(events, i).path("index").asInt()).isEqualTo(1));
        assertThat(List.of(9, 10, 11, 12)).allSatisfy(i -> assertThat(data(events, i).path("index").asInt())
                .isEqualTo(2));
        assertThat(data(events, 5).at("/content_block/id").asText()).isEqualTo("call_a");
        assertThat(data(events, 9).at("/content_block/id").asText()).isEqualTo("call_b");
        String second = data(events, 10).at("/delta/partial_json").asText() + data(events, 11).at(
                "/delta/partial_json").asText();
        assertThat(json(second).path("path").asText()).isEqualTo("b.txt");
    }

    @Test
    void messageStartCarriesThePromptEstimateOnceTheBackendTookItsTime() {
        upstream.enqueue(Answer.text("Hi"), new Fault.StallBeforeFirstByte(Duration.ofMillis(300)));
        List<SseReader.Event> events = frames(stream("\"system\":\"You answer questions about the weather.\","
                ).body());
        int estimate = data(events, 0).at("/message/usage/input_tokens").asInt();
        assertThat(estimate).as("an o200k estimate of the prompt").isBetween(8, 40);
        assertThat(data(events, events.size() - 2).at("/usage/input_tokens").asInt()).as("the backend's count")
                .isEqualTo(11);
    }

    @Test
    void anAnswerCutByTheTokenLimitStopsWithMaxTokens() {
        upstream.enqueue(new Answer(List.of("Once upon", " a"), List.of(), 11, 2, "length"));
        List<SseReader.Event> events = frames(stream("").body());
        assertThat(data(events, events.size() - 2).at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(events.getLast().name()).isEqualTo("message_stop");
    }

    @Test
    void aFailureAfterTheAnswerBeganEndsWithAnErrorEventAndNoMessageStop() {
        upstream.enqueue(Answer.text("partial", " never"), new Fault.ErrorEventAfterChunks(2, "GPU fell off"));
        HttpResponse<String> response = stream("");
        assertThat(response.statusCode()).isEqualTo(200);
        List<SseReader.Event> events = frames(response.body());
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "error");
        assertThat(data(events, 3).at("/delta/text").asText()).isEqualTo("partial");
        JsonNode error = data(events, 4);
        assertThat(error.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(error.at("/error/message").asText()).contains("incomplete");
    }

    @Test
    void aConnectionLostAfterTheAnswerBeganAlsoEndsWithAnErrorEvent() {
        upstream.enqueue(Answer.text("one", " two", " three"), new Fault.CloseAfterChunks(2));
        List<SseReader.Event> events = frames(stream("").body());
        assertThat(events.getLast().name()).isEqualTo("error");
        assertThat(names(events)).doesNotContain("message_stop", "message_delta");
    }
}
