package dev.hearth.ingress.ollama;

import static dev.hearth.ingress.ollama.NdjsonReader.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rest of Ollama's API on a real socket: listings, show, version, ps, embeddings, and every refusal's shape. */
class OllamaModelsApiTest {
    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("qwen2.5-coder:7b-instruct-q4_K_M", "text-embedding-3-small");
        gateway = TestGateway.builder()
                .openAi("local", upstream, "qwen2.5-coder:7b-instruct-q4_K_M", "text-embedding-3-small")
                .alias("coder", "local/qwen2.5-coder:7b-instruct-q4_K_M")
                .maxBody(64 * 1024).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void tagsListEveryServedModelAndAliasAsOllamaModelObjects() {
        JsonNode models = json(gateway.get("/api/tags").body()).path("models");
        assertThat(models.findValuesAsText("name"))
                .containsExactly("qwen2.5-coder:7b-instruct-q4_K_M", "text-embedding-3-small", "coder");
        JsonNode qwen = models.get(0);
        assertThat(qwen.path("model").asText()).isEqualTo("qwen2.5-coder:7b-instruct-q4_K_M");
        assertThat(qwen.path("size").asLong()).isZero();
        assertThat(qwen.path("digest").asText()).hasSize(64).isEqualTo(
                OllamaModelInfo.digest("qwen2.5-coder:7b-instruct-q4_K_M"));
        assertThat(qwen.path("modified_at").asText()).isEqualTo(OllamaModelInfo.MODIFIED_AT);
        assertThat(qwen.at("/details/family").asText()).isEqualTo("qwen");
        assertThat(qwen.at("/details/parameter_size").asText()).isEqualTo("7B");
        assertThat(qwen.at("/details/quantization_level").asText()).isEqualTo("Q4_K_M");
        assertThat(qwen.at("/details/format").asText()).as("not an Ollama backend").isEmpty();
    }

    @Test
    void showDescribesAModelAndAnAliasAndIs404ForOthers() {
        JsonNode qwen = json(gateway.post("/api/show", "{\"model\":\"qwen2.5-coder:7b-instruct-q4_K_M\"}").body());
        assertThat(qwen.path("capabilities")).extracting(JsonNode::asText).containsExactly("completion", "tools");
        assertThat(qwen.path("modelfile").asText()).contains("Hearth").contains("local");
        assertThat(qwen.at("/details/family").asText()).isEqualTo("qwen");
        JsonNode embedder = json(gateway.post("/api/show", "{\"name\":\"text-embedding-3-small\"}").body());
        assertThat(embedder.path("capabilities")).extracting(JsonNode::asText).containsExactly("embedding");
        assertThat(gateway.post("/api/show", "{\"model\":\"coder\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = gateway.post("/api/show", "{\"model\":\"llava\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).path("error").asText()).startsWith("model \"llava\" not found");
    }

    @Test
    void versionIsAnOllamaApiLevelWithHearthAsBuildMetadataAndPsIsEmpty() {
        String version = json(gateway.get("/api/version").body()).path("version").asText();
        assertThat(version).startsWith(OllamaModelsHandler.API_LEVEL + "+hearth.")
                .matches("\\d+\\.\\d+\\.\\d+\\+[0-9A-Za-z.-]+");
        assertThat(json(gateway.get("/api/ps").body()).path("models")).isEmpty();
    }

    @Test
    void embedAnswersOneVectorPerInputWithCountsAndDuration() {
        HttpResponse<String> response = gateway.post("/api/embed",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"Why is the sky blue?\",\"Why is the grass green?\"]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.path("embeddings")).hasSize(2);
        assertThat(body.at("/embeddings/1/0").asDouble()).isEqualTo(0.5);
        assertThat(body.path("prompt_eval_count").asInt()).isEqualTo(6);
        assertThat(body.path("total_duration").asLong()).isPositive();
        assertThat(body.path("load_duration").asLong()).isZero();
        JsonNode one = json(gateway.post("/api/embed",
                "{\"model\":\"text-embedding-3-small\",\"input\":\"Why is the sky blue?\"}").body());
        assertThat(one.path("embeddings")).hasSize(1);
    }

    @Test
    void theOlderEmbeddingsEndpointAnswersOneVector() {
        JsonNode body = json(gateway.post("/api/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"prompt\":\"Here is an article about llamas...\"}").body());
        assertThat(body.fieldNames()).toIterable().containsExactly("embedding");
        assertThat(body.path("embedding")).extracting(JsonNode::asDouble).containsExactly(0.25, -0.5, 1.0);
        assertThat(upstream.requestsTo("/embeddings").getLast().body().path("input").get(0).asText())
                .isEqualTo("Here is an article about llamas...");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/embed|{\"model\":\"text-embedding-3-small\",\"input\":[1]}|400",
        "/api/embed|{\"model\":\"text-embedding-3-small\"}|400",
        "/api/embeddings|{\"model\":\"text-embedding-3-small\"}|400",
        "/api/embed|{\"model\":\"nomic-embed-text\",\"input\":\"x\"}|404"})
    void badEmbeddingRequestsAreRefusedInOllamasShape(String path, String body, int status) {
        HttpResponse<String> response = gateway.post(path, body);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response.body()).path("error").asText()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"POST,/api/pull", "POST,/api/push", "POST,/api/create", "POST,/api/copy", "DELETE,/api/delete",
        "POST,/api/blobs/sha256:29fdb92e57cf0827ded04ae6461b5931d01fa595843f55d36f5b275a52087dd2"})
    void modelManagementIs501WithAnExplanation(String method, String path) {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.2\"}")).build());
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(json(response.body()).path("error").asText()).contains("does not manage model files");
    }

    @Test
    void unknownPathsWrongMethodsAndOversizedBodiesAnswerInOllamasShape() {
        HttpResponse<String> missing = gateway.get("/api/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).fieldNames()).toIterable().containsExactly("error");
        HttpResponse<String> wrongMethod = gateway.get("/api/chat");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod.body()).path("error").asText()).contains("GET");
        int before = upstream.requests().size();
        HttpResponse<String> huge = gateway.post("/api/chat", "{\"model\":\"coder\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + "x".repeat(70 * 1024) + "\"}]}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge.body()).path("error").asText()).contains("larger than the limit");
        assertThat(upstream.requests()).hasSize(before);
    }
}
