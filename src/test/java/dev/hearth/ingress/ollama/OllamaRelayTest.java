package dev.hearth.ingress.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOllama;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Ollama client in front of an Ollama backend gets the backend's own lines, byte for byte (its timings and
 * fields included), while Hearth still taps the usage; an answer Hearth has to change is written from the typed
 * events instead.
 */
class OllamaRelayTest {
    private static final String MODEL = "qwen2.5-coder:7b";
    private static FakeOllama ollama;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        ollama = new FakeOllama().models(MODEL);
        gateway = TestGateway.builder().backend("box", Protocol.OLLAMA, ollama, Locality.LOCAL, MODEL).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        ollama.close();
    }

    @Test
    void aStreamedChatIsTheBackendsOwnBytes() {
        Answer answer = new Answer(List.of("Hel", "lo ☀️"), List.of(), 31, 3, "stop");
        ollama.enqueue(answer);
        double promptBefore = promptTokensCounted();
        HttpResponse<String> response = gateway.post("/api/chat",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FakeOllama.streamedChatBody(MODEL, answer));
        assertThat(promptTokensCounted() - promptBefore).isEqualTo(31.0); // the usage was still tapped
    }

    private static double promptTokensCounted() {
        String series = "hearth_tokens_total{backend=\"box\",model=\"" + MODEL + "\",type=\"prompt\"} ";
        return gateway.get("/metrics").body().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).findFirst().orElse(0);
    }

    @Test
    void aToolCallAnswerIsRelayedWholeToo() {
        Answer answer = Answer.toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}");
        ollama.enqueue(answer);
        HttpResponse<String> response = gateway.post("/api/chat",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"parameters\":{\"type\":\"object\"}}}]}");

        assertThat(response.body()).isEqualTo(FakeOllama.streamedChatBody(MODEL, answer));
    }

    @Test
    void generateIsNotAChatStreamAndIsWrittenByHearth() {
        ollama.enqueue(Answer.text("Hi"));
        HttpResponse<String> response = gateway.post("/api/generate",
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"response\":\"Hi\"").doesNotContain("\"message\"");
    }
}
