package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.config.PrivacyConfig;
import dev.hearth.json.Json;
import dev.hearth.privacy.DataClass;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Block refusals in each client dialect's own error shape, and the privacy headers of clean and unguarded requests.
 * The alias "strict" blocks secrets.
 */
class PrivacyRefusalTest {
    private static final String TOKEN = "ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U";

    private static TestGateway.Builder gateway(FakeOpenAi cloud) {
        return TestGateway.builder()
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                .alias("strict", new AliasConfig(List.of("cloud/gpt-4o"), Strategy.ORDERED, 0.5, null,
                        Map.of(DataClass.SECRET, PrivacyAction.BLOCK)));
    }

    private static void assertBlocked(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("block");
        assertThat(response.headers().firstValue("x-hearth-data-classes")).hasValue("secret");
        assertThat(response.body()).contains("secret data (in messages[0].content[0])").contains("privacy policy blocks")
                .doesNotContain(TOKEN);
    }

    @Test
    void aBlockedRequestIsRefusedInEveryDialectsShapeWithoutReachingAnyBackend() throws Exception {
        try (FakeOpenAi cloud = new FakeOpenAi("gpt-4o"); TestGateway gateway = gateway(cloud).start()) {
            String user = "{\"role\":\"user\",\"content\":\"deploy with " + TOKEN + "\"}";
            HttpResponse<String> openAi = gateway.post("/v1/chat/completions",
                    "{\"model\":\"strict\",\"messages\":[" + user + "]}");
            assertBlocked(openAi);
            JsonNode error = Json.read(openAi.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("permission_error");
            assertThat(error.path("code").asText()).isEqualTo("privacy_blocked");

            HttpResponse<String> anthropic = gateway.post("/v1/messages",
                    "{\"model\":\"strict\",\"max_tokens\":9,\"messages\":[" + user + "]}");
            assertBlocked(anthropic);
            assertThat(Json.read(anthropic.body()).at("/error/type").asText()).isEqualTo("permission_error");

            HttpResponse<String> ollama = gateway.post("/api/chat",
                    "{\"model\":\"strict\",\"stream\":false,\"messages\":[" + user + "]}");
            assertBlocked(ollama);
            assertThat(Json.read(ollama.body()).path("error").isTextual()).isTrue();

            HttpResponse<String> responses = gateway.post("/v1/responses",
                    "{\"model\":\"strict\",\"input\":\"deploy with " + TOKEN + "\"}");
            assertThat(responses.statusCode()).isEqualTo(403);
            assertThat(responses.body()).contains("privacy_blocked").doesNotContain(TOKEN);

            assertThat(cloud.requestsTo("/chat/completions")).isEmpty();
        }
    }

    @Test
    void aCleanRequestSaysNothingWasFoundAndASwitchedOffGuardSaysOff() {
        String clean = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"deploy with "
                + TOKEN + "\"}]}";
        try (FakeOpenAi cloud = new FakeOpenAi("gpt-4o"); TestGateway guarded = gateway(cloud).start()) {
            HttpResponse<String> response = guarded.post("/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}");
            assertThat(response.headers().firstValue("x-hearth-data-classes")).hasValue("none");
            assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("none");
        }
        try (FakeOpenAi cloud = new FakeOpenAi("gpt-4o");
                TestGateway off = gateway(cloud).privacy(new PrivacyConfig(false,
                        PrivacyConfig.defaults().policy(), List.of())).start()) {
            HttpResponse<String> response = off.post("/v1/chat/completions", clean);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("off");
            assertThat(response.headers().firstValue("x-hearth-data-classes")).isEmpty();
            assertThat(cloud.requests().getLast().body().toString()).contains(TOKEN);
        }
    }
}
