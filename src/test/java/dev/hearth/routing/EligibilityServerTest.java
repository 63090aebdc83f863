package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eligibility seen from a client: refusals that say why with no upstream call, and context-aware failover. */
class EligibilityServerTest {
    @Test
    void aRequestNoCandidateCanServeIsRefusedWithEveryReasonAndNoUpstreamCall() throws Exception {
        try (FakeOpenAi small = new FakeOpenAi("gemma2:2b");
                TestGateway gateway = TestGateway.builder().openAi("box", small, "gemma2:2b")
                        .alias("chat", "box/gemma2:2b").start()) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                    {"model":"chat","messages":[{"role":"user","content":"hi"}],
                     "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}""");
            assertThat(response.statusCode()).isEqualTo(400);
            var error = Json.read(response.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("no_eligible_backend");
            assertThat(error.path("message").asText()).contains("box/gemma2:2b does not support tools");
            assertThat(small.requests()).isEmpty();
        }
    }

    @Test
    void afterAContextLengthRejectionOnlyLargerWindowsAreTried() throws Exception {
        try (FakeOpenAi first = new FakeOpenAi("llama3");
                FakeOpenAi sameSize = new FakeOpenAi("gemma2");
                FakeOpenAi large = new FakeOpenAi("llama3.1");
                TestGateway gateway = TestGateway.builder()
                        .openAi("a", first, "llama3").openAi("b", sameSize, "gemma2").openAi("c", large, "llama3.1")
                        .alias("chat", "a/llama3", "b/gemma2", "c/llama3.1").start()) {
            first.enqueue(Answer.text("x"), new Fault.Status(400, "context_length_exceeded",
                    "maximum context length is 8192 tokens", Map.of()));
            large.enqueue(Answer.text("fits"));
            HttpResponse<String> response = gateway.post("/v1/chat/completions",
                    "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"long\"}]}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("c");
            assertThat(response.headers().firstValue("x-hearth-route-reason").orElseThrow())
                    .contains("b/gemma2 context not larger");
            assertThat(sameSize.requests()).isEmpty();
        }
    }
}
