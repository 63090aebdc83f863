package dev.hearth.ingress.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LegacyCompletionsTest {
    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("m");
        gateway = TestGateway.builder().openAi("local", upstream, "m").start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.read(text);
    }

    @Test
    void aLegacyCompletionIsServedAsTextCompletion() throws Exception {
        upstream.enqueue(Answer.text("4", "2"));
        HttpResponse<String> response = gateway.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"The answer is\",\"max_tokens\":5}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        assertThat(body.at("/choices/0/text").asText()).isEqualTo("42");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(13);
        JsonNode sent = upstream.requestsTo("/chat/completions").getLast().body();
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("The answer is");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void aStreamedLegacyCompletionEndsWithDone() throws Exception {
        upstream.enqueue(Answer.text("a", "b"));
        HttpResponse<String> response = gateway.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":true}");
        List<String> events = SseReader.data(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            text.append(json(event).at("/choices/0/text").asText());
        }
        assertThat(text.toString()).isEqualTo("ab");
    }

    @Test
    void rawCompletionOptionsAreRefusedNotIgnored() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"x\",\"echo\":true}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).at("/error/param").asText()).isEqualTo("echo");
    }
}
