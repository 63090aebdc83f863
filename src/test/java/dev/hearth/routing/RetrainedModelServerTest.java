package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.RouterConfig;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code router.model} makes {@code serve} decide with the operator's retrained weights instead of the shipped ones. */
class RetrainedModelServerTest {
    private static final String HELLO =
            "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";

    @TempDir
    Path dir;

    @Test
    void aRetrainedModelDecidesWhereTheShippedOneWouldNot() throws IOException {
        // The shipped weights with a huge bias: every prompt "needs the strong model".
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/dev/hearth/routing/quality/model.txt")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path retrained = dir.resolve("model.txt");
        Files.writeString(retrained, shipped.replaceFirst("(?m)^bias .*$", "bias 12"));

        assertThat(servedBy(null)).isEqualTo("local");
        assertThat(servedBy(new RouterConfig(retrained))).isEqualTo("cloud");
    }

    private static String servedBy(RouterConfig router) {
        try (FakeOpenAi local = new FakeOpenAi("qwen2.5:7b");
                FakeOpenAi cloud = new FakeOpenAi("gpt-4o");
                TestGateway gateway = TestGateway.builder()
                        .backend("local", Protocol.OPENAI, local, Locality.LOCAL, "qwen2.5:7b")
                        .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                        .alias("auto", Strategy.LOCAL_FIRST, 0.5, "local/qwen2.5:7b", "cloud/gpt-4o")
                        .router(router == null ? RouterConfig.defaults() : router).start()) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", HELLO);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.headers().firstValue("x-hearth-backend").orElseThrow();
        }
    }
}
