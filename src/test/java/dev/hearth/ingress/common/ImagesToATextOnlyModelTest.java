package dev.hearth.ingress.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An image sent to a model the catalog knows to be text-only ({@code gpt-3.5-turbo}) is refused before any backend
 * sees it, with a 400 that says why, in the dialect the client spoke.
 */
class ImagesToATextOnlyModelTest {
    private static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("gpt-3.5-turbo");
        gateway = TestGateway.builder().openAi("cloud", upstream, "gpt-3.5-turbo").start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static JsonNode refused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("does not accept images");
        assertThat(upstream.requests()).as("nothing reached the backend").isEmpty();
        return Json.read(response.body());
    }

    @Test
    void anthropicMessages() throws Exception {
        JsonNode body = refused(gateway.post("/v1/messages", """
                {"model":"gpt-3.5-turbo","max_tokens":50,"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}},
                  {"type":"text","text":"What is this?"}]}]}""".formatted(PNG)));
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void openAiChat() throws Exception {
        JsonNode body = refused(gateway.post("/v1/chat/completions", """
                {"model":"gpt-3.5-turbo","messages":[{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}},
                  {"type":"text","text":"What is this?"}]}]}""".formatted(PNG)));
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void openAiResponses() throws Exception {
        JsonNode body = refused(gateway.post("/v1/responses", """
                {"model":"gpt-3.5-turbo","input":[{"role":"user","content":[
                  {"type":"input_image","image_url":"data:image/png;base64,%s"},
                  {"type":"input_text","text":"What is this?"}]}]}""".formatted(PNG)));
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void ollamaChat() throws Exception {
        JsonNode body = refused(gateway.post("/api/chat", """
                {"model":"gpt-3.5-turbo","stream":false,"messages":[{"role":"user","content":"What is this?",
                  "images":["%s"]}]}""".formatted(PNG)));
        assertThat(body.path("error").isTextual()).as("Ollama's error shape: an error string").isTrue();
    }
}
