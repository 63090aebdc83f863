package dev.hearth.ingress.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.SseReader;
import dev.hearth.config.Secret;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.AnthropicAnswerWriter;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.TestGateway;
import io.vertx.core.buffer.Buffer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Anthropic client served by an Anthropic backend gets the backend's stream bytes as they are (no re-encoding),
 * while the gateway still reads usage from them and still reports a stream that breaks as an error.
 */
class AnthropicRelayTest {
    private static final String MODEL = "claude-sonnet-4-5";
    private static final Pattern MESSAGE_ID = Pattern.compile("\"id\":\"(msg_fake_\\d+)\"");

    private static FakeAnthropic anthropic;
    private static FakeOpenAi replica;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        anthropic = FakeAnthropic.start();
        replica = new FakeOpenAi("m");
        gateway = TestGateway.builder()
                .backend(new BackendConfig("claude", Protocol.ANTHROPIC, anthropic.baseUrl(),
                        Secret.of("sk-ant-test"), Locality.CLOUD, List.of(MODEL), 0))
                .openAi("replica", replica, "m")
                .alias(new AliasConfig(List.of("claude/" + MODEL, "replica/m"), Strategy.ORDERED, 0.5, null, true),
                        "resilient")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        anthropic.close();
        replica.close();
    }

    private static HttpResponse<String> stream(String tools) {
        return gateway.post("/v1/messages", """
                {"model":"%s","max_tokens":100,"stream":true,%s
                 "messages":[{"role":"user","content":"Hello"}]}""".formatted(MODEL, tools));
    }

    /** What the fake upstream wrote for {@code answer}, with the message id it gave it (read from the relay). */
    private static String upstreamBytes(Answer answer, String relayed) {
        Matcher id = MESSAGE_ID.matcher(relayed);
        assertThat(id.find()).as("the upstream's own message id reaches the client: " + relayed).isTrue();
        Buffer all = Buffer.buffer();
        AnthropicAnswerWriter.streamEvents(answer, MODEL, id.group(1)).forEach(all::appendBuffer);
        return all.toString();
    }

    private static double completionTokens() {
        Matcher m = Pattern.compile("(?m)^hearth_tokens_total\\{[^}]*backend=\"claude\"[^}]*type=\"completion\"[^}]*} "
                + "([0-9.eE+]+)$").matcher(gateway.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aTextStreamIsRelayedByteForByteAndItsUsageCounted() {
        double before = completionTokens();
        Answer answer = new Answer(List.of("Hello", " there", " ☀"), List.of(), 17, 9, "stop");
        anthropic.enqueue(answer);

        HttpResponse<String> response = stream("");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(upstreamBytes(answer, response.body()));
        assertThat(completionTokens() - before).isEqualTo(9);
    }

    @Test
    void aToolUseStreamIsRelayedByteForByte() {
        Answer answer = Answer.toolCall("toolu_01", "get_weather", "{\"city\":\"Oslo\",\"unit\":\"celsius\"}");
        anthropic.enqueue(answer);

        HttpResponse<String> response = stream("""
                "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(upstreamBytes(answer, response.body()));
    }

    @Test
    void aRelayedStreamThatBreaksEndsWithAnErrorEventNotMessageStop() {
        anthropic.enqueue(Answer.text("partial", " answer", " lost"), new Fault.CloseAfterChunks(4));

        HttpResponse<String> response = stream("");

        assertThat(response.body()).contains("text_delta").contains("event: error")
                .doesNotContain("event: message_stop");
    }

    @Test
    void aContinuationAfterARelayedStreamClosesTheRelayedBlockAndGoesOnInTheNextOne() throws Exception {
        // message_start, block start, ping, "Once", " upon": then the connection drops
        anthropic.enqueue(Answer.text("Once", " upon", " a", " time"), new Fault.CloseAfterChunks(5));
        replica.enqueue(Answer.text("Once", " upon", " a time."));

        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model":"resilient","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"Tell me a story"}]}""");

        List<SseReader.Event> events = SseReader.events(response.body());
        StringBuilder text = new StringBuilder();
        List<String> blocks = new java.util.ArrayList<>();
        for (SseReader.Event event : events) {
            JsonNode data = Json.read(event.data());
            switch (event.name()) {
                case "content_block_start" -> blocks.add("start " + data.path("index").asInt());
                case "content_block_stop" -> blocks.add("stop " + data.path("index").asInt());
                case "content_block_delta" -> text.append(data.at("/delta/text").asText());
                default -> { }
            }
        }
        assertThat(text.toString()).isEqualTo("Once upon a time.");
        assertThat(blocks).containsExactly("start 0", "stop 0", "start 1", "stop 1");
        assertThat(events.getFirst().name()).isEqualTo("message_start");
        assertThat(events.getLast().name()).isEqualTo("message_stop");
        assertThat(events.stream().filter(e -> e.name().equals("message_start"))).hasSize(1);
    }
}
