package dev.hearth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load: a packaged node serving streaming and non-streaming requests from several clients is killed
 * mid-flight, restarted on the same state, and then its audit chain verifies and every response a client received
 * completely (a 200 body, or a stream that reached [DONE]) has its record, found by the request id the client got.
 */
class CrashIT {
    private static final String CHAT = "{\"model\":\"local-model\",\"stream\":%s,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    @Test
    void everyCompletedResponseIsInTheVerifiedChainAfterAKill() throws Exception {
        try (FakeOpenAi upstream = new FakeOpenAi("local-model")) {
            Path config = dir.resolve("hearth.yaml");
            Files.writeString(config, """
                    server:
                      host: 127.0.0.1
                      port: 0
                    backends:
                      - name: local
                        protocol: openai
                        base-url: %s
                        location: local
                        models: [local-model]
                    discovery:
                      embedded: false
                    auth:
                      mode: off
                    state:
                      dir: %s
                    """.formatted(upstream.baseUrl(), dir.resolve("state")));
            GatewayProcess node = new GatewayProcess(config);
            Set<String> completed = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService clients = Executors.newFixedThreadPool(6);
            URI uri = URI.create("http://127.0.0.1:" + node.port() + "/v1/chat/completions");
            for (int c = 0; c < 6; c++) {
                boolean stream = c % 2 == 0;
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(stream))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            boolean whole = response.statusCode() == 200
                                    && (stream ? response.body().contains("data: [DONE]")
                                            : response.body().contains("\"finish_reason\""));
                            if (whole) {
                                completed.add(response.headers().firstValue("x-request-id").orElseThrow());
                            }
                        } catch (Exception cutOff) {
                            // the node was killed mid-request: this response is not complete
                        }
                    }
                    return null;
                });
            }
            while (completed.size() < 300) {
                Thread.sleep(20);
            }
            node.kill();
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            GatewayProcess restarted = new GatewayProcess(config); // recovers the WAL and appends after the crash
            restarted.close();
            GatewayProcess.Result verify = GatewayProcess.command(config, "audit", "verify");
            Path export = dir.resolve("audit.jsonl");
            GatewayProcess.Result exported = GatewayProcess.command(config, "audit", "export", "--output",
                    export.toString());

            assertThat(verify.exit()).as(verify.output()).isZero();
            assertThat(exported.exit()).as(exported.output()).isZero();
            Set<String> recorded = new HashSet<>();
            for (String line : Files.readAllLines(export)) {
                JsonNode record = Json.read(line);
                JsonNode requestId = record.path("body").path("request_id");
                if (!requestId.isMissingNode()) {
                    recorded.add(requestId.asText());
                }
            }
            assertThat(completed).hasSizeGreaterThanOrEqualTo(300);
            assertThat(recorded).containsAll(completed);
        }
    }
}
