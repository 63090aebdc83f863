package dev.hearth.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mid-stream continuation: one coherent answer, stitched, or a clear in-band error — never a silent truncation. */
class ContinuationTest {
    private static final String STREAM = """
            {"model":"resilient","stream":true,"messages":[{"role":"user","content":"tell me"}]}""";

    private FakeOpenAi first;
    private FakeOpenAi replica;
    private FakeAnthropic claude;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        first = new FakeOpenAi("m");
        replica = new FakeOpenAi("m");
        claude = FakeAnthropic.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        first.close();
        replica.close();
        claude.close();
    }

    private void gateway(String... candidates) {
        gateway = TestGateway.builder()
                .openAi("first", first, "m")
                .openAi("replica", replica, "m")
                .backend(new BackendConfig("claude", Protocol.ANTHROPIC, claude.baseUrl(), Secret.of("k"),
                        Locality.CLOUD, List.of("claude-sonnet-4-5"), 0))
                .alias(new AliasConfig(List.of(candidates), Strategy.ORDERED, 0.5, null, true), "resilient")
                .start();
    }

    private static String text(List<String> events) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String data : events) {
            if (!data.equals("[DONE]")) {
                out.append(Json.read(data).at("/choices/0/delta/content").asText(""));
            }
        }
        return out.toString();
    }

    @Test
    void aTargetThatTakesAPrefillContinuesTheAnswerWhereItBroke() throws Exception {
        gateway("first/m", "claude/claude-sonnet-4-5");
        first.enqueue(Answer.text("Once", " upon", " a", " time"), new Fault.CloseAfterChunks(3));
        claude.enqueue(Answer.text(" a time", " there was a gateway."));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM);
        List<String> events = SseReader.data(response.body());
        assertThat(text(events)).isEqualTo("Once upon a time there was a gateway.");
        assertThat(events).last().isEqualTo("[DONE]");
        JsonNode sent = claude.requests().getLast().body();
        JsonNode last = sent.path("messages").get(sent.path("messages").size() - 1);
        assertThat(last.path("role").asText()).isEqualTo("assistant");
        assertThat(last.toString()).contains("Once upon");
    }

    @Test
    void aReplicaThatRegeneratesTheSameBeginningContinuesSeamlessly() throws Exception {
        gateway("first/m", "replica/m");
        first.enqueue(Answer.text("The", " quick", " brown", " fox"), new Fault.CloseAfterChunks(3));
        replica.enqueue(Answer.text("The", " quick", " brown", " fox", " jumps."));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM);
        List<String> events = SseReader.data(response.body());
        assertThat(text(events)).isEqualTo("The quick brown fox jumps.");
        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("first");
    }

    @Test
    void aRegenerationThatDivergesEndsWithAnInBandErrorNotAStitchedAnswer() throws Exception {
        gateway("first/m", "replica/m");
        first.enqueue(Answer.text("The", " quick", " brown", " fox"), new Fault.CloseAfterChunks(3));
        replica.enqueue(Answer.text("A", " different", " answer"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", STREAM);
        List<String> events = SseReader.data(response.body());
        assertThat(text(events.subList(0, events.size() - 1))).isEqualTo("The quick");
        assertThat(events).doesNotContain("[DONE]");
        assertThat(Json.read(events.getLast()).at("/error/code").asText()).isEqualTo("stream_interrupted");
    }
}
