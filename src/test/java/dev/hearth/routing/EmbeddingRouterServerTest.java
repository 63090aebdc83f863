package dev.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.RouterConfig;
import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import dev.hearth.routing.quality.QualityModel;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retrained model that reads the prompt's MiniLM embedding decides `auto` in `serve`: the estimate in the route
 * reason is the one the same weights give offline, which the features alone could not give.
 */
class EmbeddingRouterServerTest {
    private static final String PROMPT = "Write a proof that there are infinitely many primes.";

    @TempDir
    Path dir;

    @Test
    void serveDecidesWithTheEmbeddingOfTheRetrainedModel() throws Exception {
        Path model = embeddingModel();
        double expected;
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            expected = QualityModel.read(model, new MiniLmPromptEmbedder(engine)).score(PROMPT);
        }
        // Features weigh nothing and the bias is 0, so without the embedding the estimate would be exactly 0.50.
        assertThat(expected).isNotCloseTo(0.5, Offset.offset(0.01));
        String shown = String.format(Locale.ROOT, "needs-strong %.2f", expected);

        try (FakeOpenAi local = new FakeOpenAi("qwen2.5:7b");
                FakeOpenAi cloud = new FakeOpenAi("gpt-4o");
                TestGateway gateway = TestGateway.builder()
                        .backend("local", Protocol.OPENAI, local, Locality.LOCAL, "qwen2.5:7b")
                        .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                        .alias("auto", Strategy.LOCAL_FIRST, 0.5, "local/qwen2.5:7b", "cloud/gpt-4o")
                        .router(new RouterConfig(model)).start()) {
            // MiniLM loads in the background at start; until it has, a decision past the deadline goes without it.
            String reason = "";
            for (int i = 0; i < 100 && !reason.contains(shown); i++) {
                HttpResponse<String> response = gateway.post("/v1/chat/completions",
                        "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                reason = response.headers().firstValue("x-hearth-route-reason").orElse("");
                if (!reason.contains(shown)) {
                    Thread.sleep(100);
                }
            }
            assertThat(reason).contains(shown);
        }
    }

    /** The shipped weights with every feature weight and the bias at 0 and a weight on each embedding dimension. */
    private Path embeddingModel() throws IOException {
        String shipped;
        try (InputStream in = getClass().getResourceAsStream("/dev/hearth/routing/quality/model.txt")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        int dimension = 0;
        for (String line : shipped.split("\n", -1)) {
            if (line.startsWith("bias ")) {
                line = "bias 0";
            } else if (line.startsWith("feature ")) {
                line = line.replaceFirst("^(feature \\S+) .*$", "$1 0");
            } else if (line.startsWith("embedding ")) {
                StringBuilder weights = new StringBuilder("embedding");
                for (int i = 0; i < line.split(" ").length - 1; i++, dimension++) {
                    weights.append(dimension % 2 == 0 ? " 4" : " -3"); // uneven, so the sum is not zero
                }
                line = weights.toString();
            }
            out.append(line).append('\n');
        }
        Path file = dir.resolve("embedding-model.txt");
        Files.writeString(file, out.toString().stripTrailing() + "\n");
        return file;
    }
}
