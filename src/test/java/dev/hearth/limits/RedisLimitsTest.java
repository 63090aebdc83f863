package dev.hearth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.catalog.Price;
import dev.hearth.config.LimitsConfig;
import dev.hearth.json.Json;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways sharing counters in a real Redis hold ONE rate limit and ONE budget between them, and refuse
 * (fail closed) when Redis goes away. The test runs its own {@code redis-server} on a free port, so it can stop it;
 * without the binary it is skipped with a printed reason.
 */
class RedisLimitsTest {
    private static final String CHAT = "{\"model\":\"local-model\",\"max_tokens\":10,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static Process redis;
    private static int redisPort;

    private final List<AutoCloseable> closing = new ArrayList<>();
    @TempDir
    Path state;

    @BeforeAll
    static void startRedis() throws Exception {
        Path binary = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(binary)) {
            System.out.println("RedisLimitsTest skipped: no redis-server at " + binary
                    + " (install Debian's redis-server package to run it)");
            assumeTrue(false, "redis-server is not installed");
        }
        try (ServerSocket free = new ServerSocket(0)) {
            redisPort = free.getLocalPort();
        }
        redis = new ProcessBuilder(binary.toString(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !listening(redisPort); i++) {
            Thread.sleep(50);
        }
        assertThat(listening(redisPort)).as("redis-server listening on %d", redisPort).isTrue();
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private LimitsConfig limits() {
        return new LimitsConfig(Map.of(), Map.of(), Map.of("local/*", new Price(1000, 1000)), 4096,
                new LimitsConfig.RedisConfig(URI.create("redis://127.0.0.1:" + redisPort), null,
                        "hearth-test-" + UUID.randomUUID() + ":", true));
    }

    /** A gateway on the shared state directory (so one key works on every node) and the shared Redis. */
    private TestGateway node(String nodeId, FakeOpenAi upstream, LimitsConfig limits) {
        TestGateway gateway = TestGateway.builder().openAi("local", upstream, "local-model").stateDir(state)
                .nodeId(nodeId).authMode(AuthMode.REQUIRED).limits(limits).start();
        closing.add(gateway);
        return gateway;
    }

    private FakeOpenAi fake() {
        FakeOpenAi fake = new FakeOpenAi("local-model");
        closing.add(fake);
        return fake;
    }

    private static String issue(TestGateway gateway, Quota quota) {
        String key = gateway.server().gateway().governance().keys()
                .create(new KeySpec("shared", "owner", null, Role.MEMBER, List.of(), null, quota, null),
                        Principal.operator("test"), null).secret().reveal();
        return key;
    }

    private static JsonNode error(HttpResponse<String> response) {
        try {
            return Json.read(response.body()).path("error");
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void aRequestsPerMinuteLimitHoldsAcrossBothNodesTogether() {
        FakeOpenAi upstream = fake();
        LimitsConfig limits = limits();
        TestGateway first = node("node-a", upstream, limits);
        String key = issue(first, new Quota(3, null, null, null));
        TestGateway second = node("node-b", upstream, limits); // loads the key at start

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add((i % 2 == 0 ? first : second).post("/v1/chat/completions", CHAT, key).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429, 429, 429);
        assertThat(upstream.requests()).hasSize(3);
    }

    @Test
    void aBudgetHoldsAcrossBothNodesTogether() {
        FakeOpenAi upstream = fake();
        LimitsConfig limits = limits();
        TestGateway first = node("node-a", upstream, limits);
        // Each answer costs 0.015 USD; each reservation is up to (prompt + 10) tokens at 0.001 USD.
        String key = issue(first, new Quota(null, null, 0.04, null));
        TestGateway second = node("node-b", upstream, limits);

        HttpResponse<String> a = first.post("/v1/chat/completions", CHAT, key);
        HttpResponse<String> b = second.post("/v1/chat/completions", CHAT, key);
        HttpResponse<String> c = first.post("/v1/chat/completions", CHAT, key);
        HttpResponse<String> d = second.post("/v1/chat/completions", CHAT, key);

        assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(200);
        assertThat(c.statusCode()).isEqualTo(429);
        assertThat(error(c).path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(d.statusCode()).isEqualTo(429);
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void whenRedisGoesAwayRequestsWithLimitsAreRefusedFailClosed() throws Exception {
        FakeOpenAi upstream = fake();
        TestGateway gateway = node("node-a", upstream, limits());
        String key = issue(gateway, new Quota(100, null, null, null));
        assertThat(gateway.post("/v1/chat/completions", CHAT, key).statusCode()).isEqualTo(200);

        stopRedis();
        try {
            HttpResponse<String> refused = gateway.post("/v1/chat/completions", CHAT, key);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(error(refused).path("code").asText()).isEqualTo("limits_unavailable");
            assertThat(error(refused).path("message").asText()).contains("fail-closed");
            assertThat(upstream.requests()).hasSize(1);
        } finally {
            startRedis();
        }
    }
}
