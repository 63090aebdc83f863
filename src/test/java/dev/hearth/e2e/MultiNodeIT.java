package dev.hearth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.json.Json;
import dev.hearth.testkit.FakeOpenAi;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged Hearth processes on loopback sharing one PostgreSQL schema and one Redis, like nodes behind a load
 * balancer: a key's RPM limit and budget hold for all three together, a key revoked on one node is refused by every
 * node within seconds, and every node's audit chain verifies. Needs PostgreSQL (127.0.0.1:5432, database test) and
 * Redis (127.0.0.1:6379); skipped with the reason when either is missing.
 */
class MultiNodeIT {
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_USER = System.getenv().getOrDefault("PGUSER", "postgres");
    private static final String CHAT = "{\"model\":\"local-model\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String SCHEMA = "hearth_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);

    @TempDir
    static Path dir;
    private static FakeOpenAi upstream;
    private static final List<GatewayProcess> nodes = new ArrayList<>();
    private static Path firstConfig;
    private static String admin;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
            assertThat(c.isValid(2)).isTrue();
        } catch (java.sql.SQLException unreachable) {
            skip("PostgreSQL is not reachable at " + PG_URL + " (" + unreachable.getMessage() + ")");
        }
        try (Socket redis = new Socket("127.0.0.1", 6379)) {
            assertThat(redis.isConnected()).isTrue();
        } catch (java.io.IOException unreachable) {
            skip("Redis is not reachable at 127.0.0.1:6379 (" + unreachable.getMessage() + ")");
        }
        upstream = new FakeOpenAi("local-model");
        String prefix = SCHEMA + ":";
        for (int i = 1; i <= 3; i++) {
            Path state = Files.createDirectories(dir.resolve("node-" + i));
            if (i > 1) { // the two secrets every node shares; each keeps its own node id
                for (String file : List.of("server.secret", "audit-signing.key", "audit-signing.pub")) {
                    Files.copy(dir.resolve("node-1").resolve(file), state.resolve(file),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Path config = dir.resolve("node-" + i + ".yaml");
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
                      mode: required
                      key-refresh: 500ms
                    state:
                      dir: %s
                      database:
                        url: %s
                        user: %s
                        schema: %s
                    audit:
                      node-id: node-%d
                    limits:
                      redis:
                        url: redis://127.0.0.1:6379
                        key-prefix: "%s"
                    pricing:
                      local/*: { input: 1000, output: 1000 }
                    """.formatted(upstream.baseUrl(), state, PG_URL, PG_USER, SCHEMA, i, prefix));
            if (i == 1) {
                firstConfig = config;
            }
            nodes.add(new GatewayProcess(config));
            if (i == 1) {
                admin = nodes.getFirst().adminKey();
            }
        }
    }

    private static void skip(String reason) {
        System.err.println("MultiNodeIT skipped: " + reason);
        assumeTrue(false, reason);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess node : nodes) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (java.sql.SQLException ignored) {
            // skipped before the schema existed
        }
    }

    private static HttpResponse<String> post(GatewayProcess node, String path, String body, String key)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createKey(String json) throws Exception {
        HttpResponse<String> created = post(nodes.getFirst(), "/admin/keys", json, admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.read(created.body()).path("key").asText();
    }

    @Test
    void aRequestsPerMinuteLimitHoldsForAllNodesTogether() throws Exception {
        String key = createKey("{\"name\":\"rpm\",\"rpm\":4}");
        Thread.sleep(1_500); // every node's key refresh (500 ms) has seen it

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            statuses.add(post(nodes.get(i % 3), "/v1/chat/completions", CHAT, key).statusCode());
        }

        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(4);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(5);
    }

    @Test
    void aBudgetHoldsForAllNodesTogether() throws Exception {
        // 0.001 USD a token: each answer costs 0.015 USD and reserves at most (prompt + 10) tokens' worth.
        String key = createKey("{\"name\":\"budget\",\"budget_daily_usd\":0.04}");
        Thread.sleep(1_500);

        List<Integer> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = post(nodes.get(i % 3), "/v1/chat/completions", CHAT, key);
            statuses.add(response.statusCode());
            codes.add(Json.read(response.body()).path("error").path("code").asText());
        }

        assertThat(statuses).containsExactly(200, 200, 429, 429, 429, 429);
        assertThat(codes.subList(2, 6)).containsOnly("insufficient_quota");
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByEveryNodeWithinSeconds() throws Exception {
        String key = createKey("{\"name\":\"to-revoke\"}");
        Thread.sleep(1_500);
        for (GatewayProcess node : nodes) {
            assertThat(post(node, "/v1/chat/completions", CHAT, key).statusCode()).isEqualTo(200);
        }
        String id = Json.read(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes.get(1).port()
                        + "/admin/keys")).header("Authorization", "Bearer " + admin).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).findValues("id").stream().map(JsonNode::asText)
                .filter(candidate -> candidate.startsWith("key_")).reduce((a, b) -> b).orElseThrow();

        HttpResponse<String> revoked = post(nodes.get(1), "/admin/keys/" + id + "/revoke", "{}", admin);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        for (GatewayProcess node : List.of(nodes.get(0), nodes.get(2))) {
            int status = 200;
            for (int i = 0; i < 50 && status != 401; i++) { // 5 s at most
                Thread.sleep(100);
                status = post(node, "/v1/chat/completions", CHAT, key).statusCode();
            }
            assertThat(status).isEqualTo(401);
        }
    }

    @Test
    void everyNodesAuditChainVerifies() throws Exception {
        for (GatewayProcess node : nodes) {
            post(node, "/v1/chat/completions", CHAT, admin);
        }
        Thread.sleep(500);

        GatewayProcess.Result verify = GatewayProcess.command(firstConfig, "audit", "verify");

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("3 node");
    }
}
