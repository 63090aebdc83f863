package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.privacy.DataClass;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.RecordedRequest;
import dev.hearth.testkit.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A planted secret (and a planted e-mail address) sent through every privacy outcome, masked, failed over, blocked,
 * refused as local-only, and in three client dialects, must not appear in any response header, any refusal body,
 * the metrics, the gateway's log output, or anything the cloud upstream received.
 */
class NoValueLeaksTest {
    private static final String SECRET = "ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U";
    private static final String EMAIL = "planted.person@example.net";
    private static final String PROMPT = "Use " + SECRET + " to mail " + EMAIL + " the report.";

    @Test
    void aPlantedSecretAppearsInNoHeaderErrorBodyMetricLogOrCloudRequest() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setOut(new PrintStream(tee(out, logs), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, logs), true, StandardCharsets.UTF_8));
        List<HttpResponse<String>> responses = new ArrayList<>();
        List<RecordedRequest> cloudRequests;
        String metrics;
        try (FakeOpenAi cloud = new FakeOpenAi("gpt-4o");
                FakeOpenAi box = new FakeOpenAi("llama3.1");
                TestGateway gateway = TestGateway.builder()
                        .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                        .backend("box", Protocol.OPENAI, box, Locality.LOCAL, "llama3.1")
                        .alias("chain", "box/llama3.1", "cloud/gpt-4o")
                        .alias("strict", new AliasConfig(List.of("cloud/gpt-4o"), Strategy.ORDERED, 0.5, null,
                                Map.of(DataClass.SECRET, PrivacyAction.BLOCK)))
                        .alias("vault", new AliasConfig(List.of("cloud/gpt-4o"), Strategy.ORDERED, 0.5, null,
                                Map.of(DataClass.PII, PrivacyAction.LOCAL_ONLY)))
                        .start()) {
            LoggerFactory.getLogger(NoValueLeaksTest.class).warn("log capture check");
            box.enqueue(Answer.text("x"), Fault.status(500, "local down"));
            cloud.enqueue(Answer.text("x"), Fault.status(503, "cloud busy"));
            for (String model : List.of("gpt-4o", "chain", "strict", "vault")) {
                for (boolean stream : List.of(false, true)) {
                    responses.add(gateway.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":"
                            + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"));
                }
                responses.add(gateway.post("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":20,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"));
                responses.add(gateway.post("/api/chat", "{\"model\":\"" + model + "\",\"stream\":false,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"));
            }
            metrics = gateway.get("/metrics").body();
            cloudRequests = cloud.requests();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(responses).extracting(HttpResponse::statusCode).contains(200, 403).doesNotContain(500);
        assertThat(responses).extracting(r -> r.headers().firstValue("x-hearth-privacy-action").orElse(""))
                .contains("mask", "block", "local-only");
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().map().toString()).doesNotContain(SECRET).doesNotContain(EMAIL);
            assertThat(response.body()).doesNotContain(SECRET).doesNotContain(EMAIL);
        }
        assertThat(metrics).contains("hearth_privacy_requests_total").doesNotContain(SECRET).doesNotContain(EMAIL);
        String log = logs.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the capture works").contains("log capture check");
        assertThat(log).doesNotContain(SECRET).doesNotContain(EMAIL);
        assertThat(cloudRequests).isNotEmpty().allSatisfy(request -> assertThat(request.toString())
                .doesNotContain(SECRET).doesNotContain(EMAIL));
    }

    private static OutputStream tee(OutputStream first, ByteArrayOutputStream second) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] bytes, int off, int len) {
                try {
                    first.write(bytes, off, len);
                } catch (java.io.IOException ignored) {
                    // the console is best effort; the capture is what the test reads
                }
                second.write(bytes, off, len);
            }
        };
    }
}
