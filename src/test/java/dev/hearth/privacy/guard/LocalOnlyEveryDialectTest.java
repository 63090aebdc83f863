package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local-only invariant and the privacy headers through every client dialect, streamed and not: a request with
 * PHI (local-only by default) naming an alias that lists the cloud first is answered by the local backend, says so
 * in {@code x-hearth-privacy-action} and {@code x-hearth-data-classes}, and the cloud receives nothing.
 */
class LocalOnlyEveryDialectTest {
    private static final String PHI = "Patient MRN: 00482133 was seen today. Summarise.";
    private static FakeOpenAi box;
    private static FakeOpenAi cloud;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        box = new FakeOpenAi("llama3.1");
        cloud = new FakeOpenAi("gpt-4o");
        gateway = TestGateway.builder()
                .backend("box", Protocol.OPENAI, box, Locality.LOCAL, "llama3.1")
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                .alias("cloudfirst", "cloud/gpt-4o", "box/llama3.1")
                .start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        box.close();
        cloud.close();
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @CsvSource(delimiter = '|', value = {
        "/v1/chat/completions | false | {\"model\":\"cloudfirst\",\"messages\":[{\"role\":\"user\",\"content\":\"PHI\"}]}",
        "/v1/chat/completions | true  | {\"model\":\"cloudfirst\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"PHI\"}]}",
        "/v1/completions      | false | {\"model\":\"cloudfirst\",\"prompt\":\"PHI\"}",
        "/v1/messages         | false | {\"model\":\"cloudfirst\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"PHI\"}]}",
        "/v1/messages         | true  | {\"model\":\"cloudfirst\",\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"PHI\"}]}",
        "/v1/responses        | false | {\"model\":\"cloudfirst\",\"input\":\"PHI\"}",
        "/v1/responses        | true  | {\"model\":\"cloudfirst\",\"stream\":true,\"input\":\"PHI\"}",
        "/api/chat            | false | {\"model\":\"cloudfirst\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"PHI\"}]}",
        "/api/chat            | true  | {\"model\":\"cloudfirst\",\"messages\":[{\"role\":\"user\",\"content\":\"PHI\"}]}",
        "/api/generate        | false | {\"model\":\"cloudfirst\",\"stream\":false,\"prompt\":\"PHI\"}"})
    void aLocalOnlyRequestIsAnsweredLocallyWithThePrivacyHeadersInEveryDialect(String path, boolean stream,
            String body) {
        int cloudBefore = cloud.requestsTo("/chat/completions").size();
        HttpResponse<String> response = gateway.post(path, body.replace("PHI", PHI));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-hearth-privacy-action")).hasValue("local-only");
        assertThat(response.headers().firstValue("x-hearth-data-classes")).hasValue("phi");
        assertThat(response.headers().firstValue("x-hearth-backend")).hasValue("box");
        assertThat(response.body()).contains("Hello");
        assertThat(cloud.requestsTo("/chat/completions")).hasSize(cloudBefore);
    }
}
