package dev.hearth.ingress.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.TestGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK's {@code client.responses()} against Hearth in-process, with response validation on:
 * every answer must parse as the SDK's own types, required fields included.
 */
class ResponsesSdkTest {
    private static FakeOpenAi upstream;
    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model").start();
        client = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                .apiKey("not-needed-yet")
                .maxRetries(0)
                .responseValidation(true)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static ResponseCreateParams.Builder ask(String input) {
        return ResponseCreateParams.builder().model("local-model").input(input);
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object")).build())
                .build();
    }

    @Test
    void createAnswersWithATextMessageAndUsage() {
        upstream.enqueue(Answer.text("Hello", ", world"));
        Response response = client.responses().create(ask("Say hello").instructions("Be brief.").build());
        assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.model().asString()).isEqualTo("local-model");
        assertThat(response.output()).singleElement().satisfies(item ->
                assertThat(item.asMessage().content().getFirst().asOutputText().text()).isEqualTo("Hello, world"));
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(2);
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(13);
    }

    @Test
    void createStreamingDeliversTextDeltasAndACompletedResponse() {
        upstream.enqueue(Answer.text("one", " two", " three"));
        StringBuilder text = new StringBuilder();
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask("count").build())) {
            events = stream.stream().toList();
        }
        events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .forEach(e -> text.append(e.asOutputTextDelta().delta()));
        assertThat(text.toString()).isEqualTo("one two three");
        assertThat(events.getFirst().isCreated()).isTrue();
        Response completed = events.getLast().asCompleted().response();
        assertThat(completed.usage().orElseThrow().inputTokens()).isEqualTo(11);
        assertThat(events.get(1).isInProgress()).isTrue();
    }

    @Test
    void aFunctionCallRoundTripSendsTheOutputBackAsAToolTurn() {
        upstream.enqueue(Answer.toolCall("call_42", "get_weather", "{\"city\":\"Oslo\"}"));
        Response first = client.responses().create(ask("Weather in Oslo?").addTool(weatherTool()).build());
        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();
        assertThat(call.callId()).isEqualTo("call_42");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Oslo\"}");

        upstream.enqueue(Answer.text("Rain in Oslo."));
        List<ResponseInputItem> input = new ArrayList<>();
        input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content("Weather in Oslo?").build()));
        input.add(ResponseInputItem.ofFunctionCall(call));
        input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("rain, 9 C").build()));
        Response second = client.responses().create(ResponseCreateParams.builder().model("local-model")
                .inputOfResponse(input).addTool(weatherTool()).build());
        assertThat(second.output().getFirst().asMessage().content().getFirst().asOutputText().text())
                .isEqualTo("Rain in Oslo.");

        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body().path("messages");
        assertThat(sent.at("/1/role").asText()).isEqualTo("assistant");
        assertThat(sent.at("/1/tool_calls/0/id").asText()).isEqualTo("call_42");
        assertThat(sent.at("/1/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(sent.at("/2/role").asText()).isEqualTo("tool");
        assertThat(sent.at("/2/tool_call_id").asText()).isEqualTo("call_42");
        assertThat(sent.at("/2/content").asText()).isEqualTo("rain, 9 C");
    }

    @Test
    void aStreamThatFailsAfterContentReachesTheSdkAsErrorAndFailedEvents() {
        upstream.enqueue(Answer.text("Hi", " there", " friend"), new Fault.CloseAfterChunks(2));
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask("hi").build())) {
            events = stream.stream().toList();
        }
        assertThat(events.get(events.size() - 2).asError().code()).hasValue("stream_interrupted");
        Response failed = events.getLast().asFailed().response();
        assertThat(failed.status()).hasValue(ResponseStatus.FAILED);
        assertThat(failed.error().orElseThrow().message()).contains("incomplete");
    }

    @Test
    void previousResponseIdIsABadRequestSayingHearthStoresNothing() {
        int before = upstream.requests().size();
        assertThatThrownBy(() -> client.responses().create(ask("and then?").previousResponseId("resp_123").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("previous_response_id").contains("does not store");
                    assertThat(e.param()).hasValue("previous_response_id");
                });
        assertThat(upstream.requests()).hasSize(before);
    }
}
