package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.BackendConfig;
import dev.hearth.config.Secret;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeAnthropic;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Masking seen from both ends: the cloud upstream receives placeholders only, the client receives the originals, in
 * JSON and streamed answers (placeholders cut across chunks), tool-call arguments, across protocols, and per attempt
 * (a local attempt gets the original).
 */
class MaskingRoundTripTest {
    static final String TOKEN = "ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U";
    static final String EMAIL = "jane.doe@example.com";
    static final String CARD = "4111 1111 1111 1111";
    private static final String MESSAGES = """
            "messages":[{"role":"system","content":"Deploy with token %s when asked."},
             {"role":"user","content":"Write to %s about card %s; cc %s."}]""".formatted(TOKEN, EMAIL, CARD, EMAIL);
    private static final String ANSWER_WITH_PLACEHOLDERS = "Wrote to <<EMAIL_ADDRESS_1>> about <<CREDIT_CARD_1>>.";
    private static final String RESTORED = "Wrote to " + EMAIL + " about " + CARD + ".";

    private static FakeOpenAi cloud;
    private static FakeOpenAi box;
    private static FakeAnthropic claude;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        cloud = new FakeOpenAi("gpt-4o");
        box = new FakeOpenAi("llama3.1");
        claude = FakeAnthropic.start();
        gateway = TestGateway.builder()
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                .backend("box", Protocol.OPENAI, box, Locality.LOCAL, "llama3.1")
                .backend(new BackendConfig("claude", Protocol.ANTHROPIC, claude.baseUrl(), Secret.of("sk-ant-test"),
                        Locality.CLOUD, List.of("claude-sonnet-4-5"), 0))
                .alias("chain", "box/llama3.1", "cloud/gpt-4o")
                .alias("hedged", Strategy.ORDERED, 0.5, Duration.ofMillis(100), "box/llama3.1", "cloud/gpt-4o")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
        box.close();
        claude.close();
    }

    private static HttpResponse<String> chat(String model, boolean stream) {
        return gateway.post("/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"stream\":" + stream + "," + MESSAGES + "}");
    }

    private static String streamedText(String body) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String data : SseReader.data(body)) {
            if (!data.equals("[DONE]")) {
                text.append(Json.read(data).at("/choices/0/delta/content").asText(""));
            }
        }
        return text.toString();
    }

    /** What an upstream received: placeholders, never the originals. */
    private static void assertMasked(JsonNode sent) {
        String body = sent.toString();
        assertThat(body).doesNotContain(TOKEN).doesNotContain(EMAIL).doesNotContain(CARD)
                .contains("Deploy with token <<GITHUB_TOKEN_1>> when asked.")
                .contains("Write to <<EMAIL_ADDRESS_1>> about card <<CREDIT_CARD_1>>; cc <<EMAIL_ADDRESS_1>>.");
    }

    @Test
    void aJsonAnswerFromTheCloudIsRestoredAndTheUpstreamSawOnlyPlaceholders() throws Exception {
        cloud.enqueue(Answer.text(ANSWER_WITH_PLACEHOLDERS));
        HttpResponse<String> response = chat("gpt-4o", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.read(response.body()).at("/choices/0/message/content").asText()).isEqualTo(RESTORED);
        assertMasked(cloud.requests().getLast().body());
        assertThat(response.headers().firstValue("x-hearth-data-classes")).hasValue("secret,pii,financial");
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("mask");
    }

    @Test
    void aStreamWithPlaceholdersCutAcrossChunksIsRestoredAndNotRelayedAsUpstreamBytes() throws Exception {
        cloud.enqueue(Answer.text("Wrote to <<EMAIL_", "ADDRESS_1>> about <", "<CREDIT_CARD_1>", ">.", " <<"));
        HttpResponse<String> response = chat("gpt-4o", true);
        assertThat(streamedText(response.body())).isEqualTo(RESTORED + " <<");
        assertThat(response.body()).doesNotContain("<<EMAIL").doesNotContain("chatcmpl-fake");
        assertMasked(cloud.requests().getLast().body());
    }

    @Test
    void toolCallArgumentsWithPlaceholdersAreRestoredStreamedAndNot() throws Exception {
        String arguments = "{\"to\":\"<<EMAIL_ADDRESS_1>>\",\"card\":\"<<CREDIT_CARD_1>>\"}";
        cloud.enqueue(Answer.toolCall("call_1", "send_mail", arguments));
        JsonNode json = Json.read(chat("gpt-4o", false).body());
        JsonNode sent = Json.read(json.at("/choices/0/message/tool_calls/0/function/arguments").asText());
        assertThat(sent.path("to").asText()).isEqualTo(EMAIL);
        assertThat(sent.path("card").asText()).isEqualTo(CARD);

        cloud.enqueue(Answer.toolCall("call_2", "send_mail", arguments));
        StringBuilder streamed = new StringBuilder();
        for (String data : SseReader.data(chat("gpt-4o", true).body())) {
            if (!data.equals("[DONE]")) {
                streamed.append(Json.read(data).at("/choices/0/delta/tool_calls/0/function/arguments").asText(""));
            }
        }
        assertThat(Json.read(streamed.toString()).path("to").asText()).isEqualTo(EMAIL);
    }

    @Test
    void aFailoverFromLocalToCloudMasksOnlyTheCloudAttempt() throws Exception {
        box.enqueue(Answer.text("x"), Fault.status(500, "boom"));
        cloud.enqueue(Answer.text(ANSWER_WITH_PLACEHOLDERS));
        HttpResponse<String> response = chat("chain", false);
        assertThat(Json.read(response.body()).at("/choices/0/message/content").asText()).isEqualTo(RESTORED);
        assertThat(box.requests().getLast().body().toString()).contains(EMAIL).contains(TOKEN);
        assertMasked(cloud.requests().getLast().body());
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("cloud");
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("mask");
    }

    @Test
    void aLocalAnswerUsesTheOriginalAndSaysSo() throws Exception {
        box.enqueue(Answer.text("local"));
        HttpResponse<String> response = chat("chain", true);
        assertThat(streamedText(response.body())).isEqualTo("local");
        assertThat(box.requests().getLast().body().toString()).contains(EMAIL);
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("unmasked-local");
    }

    @Test
    void aHedgeMasksItsCloudSideOnly() throws Exception {
        box.enqueue(Answer.text("late"), new Fault.StallBeforeFirstByte(Duration.ofSeconds(2)));
        cloud.enqueue(Answer.text(ANSWER_WITH_PLACEHOLDERS));
        HttpResponse<String> response = chat("hedged", true);
        assertThat(streamedText(response.body())).isEqualTo(RESTORED);
        assertMasked(cloud.requests().getLast().body());
        assertThat(box.requests().getLast().body().toString()).contains(EMAIL);
    }

    @Test
    void anOpenAiClientServedByAnthropicGetsOriginalsWhileAnthropicSeesPlaceholders() throws Exception {
        claude.enqueue(new Answer(List.of("Wrote to <<EMAIL_ADDR", "ESS_1>> about <<CREDIT_CARD_1>>."), List.of(), 30,
                9, "stop"));
        HttpResponse<String> streamed = chat("claude-sonnet-4-5", true);
        assertThat(streamedText(streamed.body())).isEqualTo(RESTORED);
        assertMasked(claude.requests().getLast().body());

        claude.enqueue(Answer.toolCall("toolu_1", "send_mail", "{\"to\":\"<<EMAIL_ADDRESS_1>>\"}"));
        JsonNode json = Json.read(chat("claude-sonnet-4-5", false).body());
        assertThat(Json.read(json.at("/choices/0/message/tool_calls/0/function/arguments").asText()).path("to")
                .asText()).isEqualTo(EMAIL);
    }

    @Test
    void metricsCountMaskedAttemptsAndClassesByAction() {
        cloud.enqueue(Answer.text("ok"));
        chat("gpt-4o", false);
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).contains("hearth_privacy_masked_attempts_total{backend=\"cloud\"}")
                .contains("hearth_privacy_requests_total{action=\"mask\",data_class=\"pii\"}")
                .contains("hearth_privacy_requests_total{action=\"mask\",data_class=\"secret\"}");
    }
}
