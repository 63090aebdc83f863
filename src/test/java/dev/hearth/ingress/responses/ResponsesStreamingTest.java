package dev.hearth.ingress.responses;

import static dev.hearth.ingress.responses.ResponseEventsReader.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.config.FailoverConfig;
import dev.hearth.ingress.responses.ResponseEventsReader.Event;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamed Responses answers on a real socket: the exact event order and sequence numbers for text, a function call,
 * both, a length-limited answer, and failures before and after the stream began.
 */
class ResponsesStreamingTest {
    private static final String TEXT = """
            {"model":"local-model","stream":true,"input":"hello"}""";
    private static final String WITH_TOOLS = """
            {"model":"local-model","stream":true,"input":"weather?",
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]}""";
    private static final List<String> CREATED = List.of("response.created", "response.in_progress");
    private static final List<String> MESSAGE_OPENS = List.of("response.output_item.added",
            "response.content_part.added");
    private static final List<String> MESSAGE_CLOSES = List.of("response.output_text.done",
            "response.content_part.done", "response.output_item.done");
    private static final List<String> CALL_CLOSES = List.of("response.function_call_arguments.done",
            "response.output_item.done");

    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        // The faults here would open a circuit judged over a few calls; a window of 1000 never judges in this class.
        gateway = TestGateway.builder().openAi("local", upstream, "local-model")
                .failover(new FailoverConfig(2, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(3), 50, 1000,
                        Duration.ofSeconds(30)))
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static List<Event> stream(String body) {
        HttpResponse<String> response = gateway.post("/v1/responses", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        return ResponseEventsReader.read(response.body());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    @Test
    void aTextAnswerStreamsItsMessageItemBetweenCreatedAndCompleted() {
        upstream.enqueue(Answer.text("Hi", " there"));
        List<Event> events = stream(TEXT);
        assertThat(types(events)).containsExactlyElementsOf(concat(CREATED, MESSAGE_OPENS,
                List.of("response.output_text.delta", "response.output_text.delta"), MESSAGE_CLOSES,
                List.of("response.completed")));
        JsonNode created = events.get(0).data().path("response");
        assertThat(created.path("status").asText()).isEqualTo("in_progress");
        assertThat(created.path("output")).isEmpty();
        String itemId = events.get(2).data().at("/item/id").asText();
        assertThat(events.get(2).data().at("/item/status").asText()).isEqualTo("in_progress");
        assertThat(events.subList(3, 8)).allSatisfy(e -> {
            assertThat(e.data().path("item_id").asText()).isEqualTo(itemId);
            assertThat(e.data().path("output_index").asInt()).isZero();
            assertThat(e.data().path("content_index").asInt()).isZero();
        });
        assertThat(events.get(4).data().path("delta").asText()).isEqualTo("Hi");
        assertThat(events.get(5).data().path("delta").asText()).isEqualTo(" there");
        assertThat(events.get(6).data().path("text").asText()).isEqualTo("Hi there");
        assertThat(events.get(8).data().at("/item/status").asText()).isEqualTo("completed");
        JsonNode completed = events.getLast().data().path("response");
        assertThat(completed.path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Hi there");
        assertThat(completed.at("/usage/input_tokens").asInt()).isEqualTo(11);
        assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void aFunctionCallStreamsItsArgumentsAndEndsCompleted() {
        upstream.enqueue(Answer.toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"));
        List<Event> events = stream(WITH_TOOLS);
        assertThat(types(events)).containsExactlyElementsOf(concat(CREATED, List.of("response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.delta"), CALL_CLOSES,
                List.of("response.completed")));
        JsonNode added = events.get(2).data().path("item");
        assertThat(added.path("type").asText()).isEqualTo("function_call");
        assertThat(added.path("call_id").asText()).isEqualTo("call_1");
        assertThat(added.path("name").asText()).isEqualTo("get_weather");
        assertThat(added.path("arguments").asText()).isEmpty();
        assertThat(events.get(3).data().path("delta").asText() + events.get(4).data().path("delta").asText())
                .isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(events.get(5).data().path("arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(events.get(5).data().path("item_id").asText()).isEqualTo(added.path("id").asText());
        JsonNode done = events.get(6).data().path("item");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        JsonNode response = events.getLast().data().path("response");
        assertThat(response.path("output")).hasSize(1);
        assertThat(response.at("/usage/total_tokens").asInt()).isEqualTo(29);
    }

    @Test
    void textThenAFunctionCallAreTwoItemsTheFirstClosedBeforeTheSecondOpens() {
        upstream.enqueue(new Answer(List.of("Let me check."), List.of(new Answer.ToolCallSpec("call_2",
                "get_weather", "{\"city\":\"Bergen\"}")), 20, 9, "tool_calls"));
        List<Event> events = stream(WITH_TOOLS);
        assertThat(types(events)).containsExactlyElementsOf(concat(CREATED, MESSAGE_OPENS,
                List.of("response.output_text.delta"), MESSAGE_CLOSES, List.of("response.output_item.added",
                        "response.function_call_arguments.delta", "response.function_call_arguments.delta"),
                CALL_CLOSES, List.of("response.completed")));
        assertThat(events.get(7).data().path("output_index").asInt()).isZero();
        assertThat(events.get(8).data().path("output_index").asInt()).isEqualTo(1);
        assertThat(events.get(8).data().at("/item/type").asText()).isEqualTo("function_call");
        JsonNode output = events.getLast().data().at("/response/output");
        assertThat(output).hasSize(2);
        assertThat(output.get(0).at("/content/0/text").asText()).isEqualTo("Let me check.");
        assertThat(output.get(1).path("call_id").asText()).isEqualTo("call_2");
    }

    @Test
    void anAnswerCutByTheTokenLimitEndsWithResponseIncomplete() {
        upstream.enqueue(new Answer(List.of("Once", " upon"), List.of(), 11, 2, "length"));
        List<Event> events = stream("""
                {"model":"local-model","stream":true,"input":"story","max_output_tokens":2}""");
        assertThat(types(events)).containsExactlyElementsOf(concat(CREATED, MESSAGE_OPENS,
                List.of("response.output_text.delta", "response.output_text.delta"), MESSAGE_CLOSES,
                List.of("response.incomplete")));
        assertThat(events.get(8).data().at("/item/status").asText()).isEqualTo("incomplete");
        JsonNode response = events.getLast().data().path("response");
        assertThat(response.path("status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/usage/output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void anUpstreamThatDiesAfterContentEndsTheStreamWithErrorAndResponseFailed() {
        // FakeOpenAi's chunks: the role, then "Hi": the stream commits at "Hi" and the connection drops after it.
        upstream.enqueue(Answer.text("Hi", " there", " friend"), new Fault.CloseAfterChunks(2));
        List<Event> events = stream(TEXT);
        assertThat(types(events)).containsExactlyElementsOf(concat(CREATED, MESSAGE_OPENS,
                List.of("response.output_text.delta", "error", "response.failed")));
        JsonNode error = events.get(5).data();
        assertThat(error.path("code").asText()).isEqualTo("stream_interrupted");
        assertThat(error.path("message").asText()).contains("incomplete");
        JsonNode failed = events.getLast().data().path("response");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("server_error");
        assertThat(failed.at("/error/message").asText()).isEqualTo(error.path("message").asText());
        assertThat(failed.at("/output/0/status").asText()).isEqualTo("incomplete");
        assertThat(failed.at("/output/0/content/0/text").asText()).isEqualTo("Hi");
        assertThat(failed.path("usage").isNull()).isTrue();
    }

    @Test
    void anInStreamErrorFromTheUpstreamAfterContentAlsoEndsInResponseFailed() {
        upstream.enqueue(Answer.text("Hi", " there"), new Fault.ErrorEventAfterChunks(2, "overloaded"));
        List<Event> events = stream(TEXT);
        assertThat(types(events)).endsWith("response.output_text.delta", "error", "response.failed")
                .doesNotContain("response.completed");
    }

    @Test
    void aStreamThatDiesBeforeContentIsRetriedAndTheClientSeesOneCleanAnswer() {
        upstream.enqueue(Answer.text("lost"), new Fault.CloseAfterChunks(1));
        upstream.enqueue(Answer.text("second", " try"));
        List<Event> events = stream(TEXT);
        assertThat(types(events)).startsWith("response.created").endsWith("response.completed")
                .doesNotContain("error");
        assertThat(events.getLast().data().at("/response/output/0/content/0/text").asText()).isEqualTo("second try");
    }

    @Test
    void aStreamingRequestRefusedBeforeAnyContentGetsAPlainJsonError() {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(Answer.text("x"), Fault.status(500, "GPU fell off the bus"));
        }
        HttpResponse<String> response = gateway.post("/v1/responses", TEXT);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(ResponsesApiTest.json(response.body()).at("/error/type").asText()).isEqualTo("server_error");
    }
}
