package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedding requests obey the privacy policy like chat: sensitive input never reaches a cloud embedding model, in the
 * OpenAI and the Ollama dialect. A vector cannot be masked and restored, so what chat would mask is embedded locally;
 * with no local model it is refused. Clean input may use the cloud.
 */
class EmbeddingPrivacyTest {
    private static FakeOpenAi cloud;
    private static FakeOpenAi local;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        cloud = new FakeOpenAi("text-embedding-3-small");
        local = new FakeOpenAi("nomic-embed-text");
        gateway = TestGateway.builder()
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "text-embedding-3-small")
                .backend("local", Protocol.OPENAI, local, Locality.LOCAL, "nomic-embed-text")
                .alias("embed", Strategy.ORDERED, 0.5, "cloud/text-embedding-3-small", "local/nomic-embed-text")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
        local.close();
    }

    private static HttpResponse<String> embed(String path, String model, String input) {
        return gateway.post(path, "{\"model\":\"" + model + "\",\"input\":[\"" + input + "\"]}");
    }

    private static int cloudCalls() {
        return cloud.requestsTo("/embeddings").size();
    }

    @Test
    void cleanInputMayUseTheCloudModel() {
        int before = cloudCalls();
        HttpResponse<String> ok = embed("/v1/embeddings", "embed", "the quarterly roadmap");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-hearth-backend")).contains("cloud");
        assertThat(ok.headers().firstValue("x-hearth-privacy-action")).contains("none");
        assertThat(cloudCalls()).isEqualTo(before + 1);
    }

    @Test
    void personalDataIsEmbeddedLocallyInsteadOfMasked() {
        int before = cloudCalls();
        for (String path : new String[] {"/v1/embeddings", "/api/embed"}) {
            HttpResponse<String> kept = embed(path, "embed", "Contact jane.doe@example.com about the invoice");

            assertThat(kept.statusCode()).as(path + ": " + kept.body()).isEqualTo(200);
            assertThat(kept.headers().firstValue("x-hearth-backend")).as(path).contains("local");
            assertThat(kept.headers().firstValue("x-hearth-data-classes")).as(path).contains("pii");
            assertThat(kept.headers().firstValue("x-hearth-privacy-action")).as(path).contains("local-only");
        }
        assertThat(cloudCalls()).isEqualTo(before);
    }

    @Test
    void withOnlyACloudModelSensitiveInputIsRefusedInTheClientsDialect() throws IOException {
        int before = cloudCalls();
        HttpResponse<String> openAi = embed("/v1/embeddings", "text-embedding-3-small",
                "Patient MRN 12345678 was prescribed metformin for type 2 diabetes");
        HttpResponse<String> ollama = embed("/api/embed", "text-embedding-3-small",
                "Patient MRN 12345678 was prescribed metformin for type 2 diabetes");

        assertThat(openAi.statusCode()).isEqualTo(403);
        JsonNode error = Json.read(openAi.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("privacy_local_only");
        assertThat(openAi.body()).doesNotContain("12345678");
        assertThat(ollama.statusCode()).isEqualTo(403);
        assertThat(Json.read(ollama.body()).path("error").asText()).contains("may not leave this machine");
        assertThat(cloudCalls()).isEqualTo(before);
    }
}
