package dev.hearth.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hedging on a slow first token: the client receives one coherent answer from whichever candidate shows content
 * first, the loser is cancelled, and nothing is counted twice.
 */
class HedgingTest {
    private FakeOpenAi slowLocal;
    private FakeOpenAi cloud;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        slowLocal = new FakeOpenAi("local");
        cloud = new FakeOpenAi("cloud");
        gateway = TestGateway.builder()
                .openAi("box", slowLocal, "local")
                .openAi("cloud", cloud, "cloud")
                .alias("hedged", Strategy.ORDERED, 0.5, Duration.ofMillis(300), "box/local", "cloud/cloud")
                .start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        slowLocal.close();
        cloud.close();
    }

    private static String text(String sse) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String data : SseReader.data(sse)) {
            if (!data.equals("[DONE]")) {
                JsonNode chunk = Json.read(data);
                out.append(chunk.at("/choices/0/delta/content").asText(""));
            }
        }
        return out.toString();
    }

    @Test
    void aSlowFirstTokenStartsTheNextCandidateAndTheFasterOneWinsAlone() throws Exception {
        slowLocal.enqueue(Answer.text("late", " local"), new Fault.StallBeforeFirstByte(Duration.ofSeconds(3)));
        cloud.enqueue(Answer.text("quick", " cloud"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"hedged","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(text(response.body())).isEqualTo("quick cloud");
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("cloud");
        assertThat(response.headers().firstValue("x-hearth-route-reason").orElseThrow())
                .contains("box/local no first token in 300 ms, hedged").contains("box/local lost the hedge");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (slowLocal.cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(slowLocal.cancelledStreams()).as("the loser's upstream request is cancelled").isEqualTo(1);
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).contains("hearth_upstream_attempts_total{backend=\"box\",outcome=\"cancelled_hedge_lost\"} 1.0");
        assertThat(metrics).doesNotContain("backend=\"box\",model=\"local\",type=\"completion\"");
        assertThat(gateway.server().gateway().backends()).allSatisfy(b -> assertThat(b.inFlight().get()).isZero());
    }

    @Test
    void aPromptFirstTokenNeedsNoHedge() throws Exception {
        slowLocal.enqueue(Answer.text("local", " answer"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"hedged","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(text(response.body())).isEqualTo("local answer");
        Thread.sleep(500); // past the hedge budget: no second request may start after the answer
        assertThat(cloud.requests()).isEmpty();
    }

    @Test
    void aFailureOfTheHedgeLeavesTheFirstAttemptToFinish() throws Exception {
        slowLocal.enqueue(Answer.text("slow", " but", " sure"), new Fault.StallBeforeFirstByte(Duration.ofMillis(800)));
        cloud.enqueue(Answer.text("x"), Fault.status(500, "cloud down"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model":"hedged","messages":[{"role":"user","content":"hi"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.read(response.body()).at("/choices/0/message/content").asText()).isEqualTo("slow but sure");
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("box");
    }
}
