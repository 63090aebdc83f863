package dev.hearth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.audit.AuditRecord;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.catalog.Price;
import dev.hearth.config.LimitsConfig;
import dev.hearth.json.Json;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.Fault;
import dev.hearth.testkit.SseReader;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits and budgets on a real socket with counters in this process: who gets 429, with which headers, in
 * which dialect; that a refused request never reaches a backend; that reservations are settled to the actual
 * usage; and that settled spend survives a restart.
 */
class LimitsServerTest {
    private static final String CHAT = "{\"model\":\"local-model\",\"max_tokens\":%d,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private FakeOpenAi fake(String... models) {
        FakeOpenAi fake = new FakeOpenAi(models);
        closing.add(fake);
        return fake;
    }

    private TestGateway start(TestGateway.Builder builder) {
        TestGateway gateway = builder.authMode(AuthMode.REQUIRED).start();
        closing.add(gateway);
        return gateway;
    }

    private static String issue(TestGateway gateway, KeySpec spec) {
        return gateway.server().gateway().governance().keys().create(spec, Principal.operator("test"), null)
                .secret().reveal();
    }

    private static KeySpec key(String name, String team, Quota quota) {
        return new KeySpec(name, "owner-" + name, team, Role.MEMBER, List.of(), null, quota, null);
    }

    private static HttpResponse<String> chat(TestGateway gateway, String key, int maxTokens) {
        return gateway.post("/v1/chat/completions", CHAT.formatted(maxTokens), key);
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void aKeyOverItsRequestsPerMinuteGets429WithRetryAfterAndNeverReachesTheBackend() {
        FakeOpenAi upstream = fake("local-model");
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model"));
        String key = issue(gateway, key("two-a-minute", null, new Quota(2, null, null, null)));

        HttpResponse<String> first = chat(gateway, key, 50);
        HttpResponse<String> second = chat(gateway, key, 50);
        HttpResponse<String> third = chat(gateway, key, 50);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).contains("2");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).contains("1");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        JsonNode error = json(third.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains("2 requests per minute");
        assertThat(upstream.requests()).hasSize(2);
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics).contains("hearth_pipeline_refusals_total{code=\"rate_limit_exceeded\",stage=\"admit\"} 1.0");
        assertThat(metrics).contains("hearth_route_decisions_total{");
    }

    @Test
    void anAnthropicClientGetsTheRefusalAndHeadersInItsOwnDialect() {
        FakeOpenAi upstream = fake("local-model");
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model"));
        String key = issue(gateway, key("one-a-minute", null, new Quota(1, null, null, null)));
        String body = "{\"model\":\"local-model\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> first = gateway.send(anthropic(gateway, key, body));
        HttpResponse<String> second = gateway.send(anthropic(gateway, key, body));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("anthropic-ratelimit-requests-limit")).contains("1");
        assertThat(first.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("0");
        assertThat(first.headers().firstValue("anthropic-ratelimit-requests-reset").orElseThrow()).endsWith("Z");
        assertThat(second.statusCode()).isEqualTo(429);
        JsonNode error = json(second.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(second.headers().firstValue("retry-after")).isPresent();
        assertThat(upstream.requests()).hasSize(1);
    }

    private static HttpRequest anthropic(TestGateway gateway, String key, String body) {
        return HttpRequest.newBuilder(gateway.uri("/v1/messages")).header("x-api-key", key)
                .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void tokensPerMinuteReserveTheMaximumAndGiveBackWhatTheAnswerDidNotUse() {
        FakeOpenAi upstream = fake("local-model");
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model"));
        String key = issue(gateway, key("tpm", null, new Quota(null, 300, null, null)));

        HttpResponse<String> tooLarge = chat(gateway, key, 1_000);
        assertThat(tooLarge.statusCode()).isEqualTo(429);
        assertThat(json(tooLarge.body()).path("error").path("message").asText()).contains("Request too large");

        // Each request reserves its prompt + 200 tokens, more than half the 300 a minute; the answers use 15, so
        // only giving back the unused part lets five in a row through.
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = chat(gateway, key, 200);
            assertThat(ok.statusCode()).as("request %d: %s", i, ok.body()).isEqualTo(200);
            assertThat(ok.headers().firstValue("x-ratelimit-limit-tokens")).contains("300");
        }
        assertThat(upstream.requests()).hasSize(5);
    }

    @Test
    void aTeamLimitHoldsAcrossTheTeamsKeys() {
        FakeOpenAi upstream = fake("local-model");
        LimitsConfig limits = new LimitsConfig(Map.of("red", new Quota(1, null, null, null)), Map.of(), Map.of(),
                4096, null);
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model").limits(limits));
        String one = issue(gateway, key("one", "red", Quota.NONE));
        String two = issue(gateway, key("two", "red", Quota.NONE));
        String other = issue(gateway, key("other", "blue", Quota.NONE));

        assertThat(chat(gateway, one, 10).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = chat(gateway, two, 10);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused.body()).path("error").path("message").asText()).contains("team red");
        assertThat(chat(gateway, other, 10).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensTakenFromOneBucketAreGivenBackWhenAnotherBucketRefuses() {
        FakeOpenAi upstream = fake("local-model");
        LimitsConfig limits = new LimitsConfig(Map.of("red", new Quota(null, 1_000, null, null)), Map.of(), Map.of(),
                4096, null);
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model").limits(limits));
        String once = issue(gateway, key("once", "red", new Quota(1, null, null, null)));
        String other = issue(gateway, key("other", "red", Quota.NONE));

        assertThat(chat(gateway, once, 10).statusCode()).isEqualTo(200);
        // Refused by the key's requests per minute; the team's tokens per minute are taken at the same moment (the
        // buckets are asked together) and must come back, or the 900 reserved here would starve the team.
        HttpResponse<String> refused = chat(gateway, once, 900);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused.body()).path("error").path("message").asText()).contains("requests per minute");
        HttpResponse<String> teammate = chat(gateway, other, 200);
        assertThat(teammate.statusCode()).as(teammate.body()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void aBudgetIsNeverOverspentCostIsAuditedAndSettledSpendSurvivesARestart(@TempDir Path state) throws Exception {
        FakeOpenAi upstream = fake("local-model");
        // 1,000 USD per million tokens = 0.001 USD a token: the fake's answers (11 + 4 tokens) cost 0.015 USD.
        LimitsConfig limits = new LimitsConfig(Map.of(), Map.of(), Map.of("local/*", new Price(1000, 1000)), 4096,
                null);
        TestGateway.Builder builder = TestGateway.builder().openAi("local", upstream, "local-model").limits(limits)
                .stateDir(state);
        TestGateway gateway = start(builder);
        String key = issue(gateway, key("budget", null, new Quota(null, null, 0.05, null)));

        int served = 0;
        HttpResponse<String> last;
        do {
            last = chat(gateway, key, 10);
            if (last.statusCode() == 200) {
                served++;
            }
        } while (last.statusCode() == 200 && served < 20);

        assertThat(served).isBetween(1, 4);
        assertThat(last.statusCode()).isEqualTo(429);
        JsonNode error = json(last.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(error.path("message").asText()).contains("Budget exhausted").contains("today");
        assertThat(upstream.requests()).hasSize(served);
        double spent = costs(gateway).stream().mapToDouble(Double::doubleValue).sum();
        assertThat(costs(gateway)).hasSize(served).allSatisfy(cost -> assertThat(cost).isEqualTo(0.015));
        assertThat(spent).isLessThanOrEqualTo(0.05);

        gateway.close();
        closing.remove(gateway);
        TestGateway restarted = start(builder);
        HttpResponse<String> afterRestart = chat(restarted, key, 10);
        assertThat(afterRestart.statusCode()).isEqualTo(429);
        assertThat(json(afterRestart.body()).path("error").path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(upstream.requests()).hasSize(served);
    }

    @Test
    void usageIsReportedPerScopeAndAMemberSeesOnlyItsOwn() {
        FakeOpenAi upstream = fake("local-model");
        LimitsConfig limits = new LimitsConfig(Map.of("red", new Quota(null, null, 10.0, null)), Map.of(),
                Map.of("local/*", new Price(1000, 1000)), 4096, null);
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model").limits(limits));
        String red = issue(gateway, key("red-key", "red", new Quota(null, null, 1.0, null)));
        String blue = issue(gateway, key("blue-key", "blue", Quota.NONE));
        assertThat(chat(gateway, red, 10).statusCode()).isEqualTo(200);
        String redId = gateway.server().gateway().governance().keys().list().stream()
                .filter(k -> k.name().equals("red-key")).findFirst().orElseThrow().id();

        JsonNode asAdmin = json(gateway.get("/admin/usage", gateway.adminKey()).body());
        JsonNode asRed = json(gateway.get("/admin/usage?period=day", red).body());
        JsonNode asBlue = json(gateway.get("/admin/usage", blue).body());

        assertThat(asAdmin.path("usage").findValuesAsText("scope")).containsExactly("key:" + redId, "team:red");
        assertThat(asAdmin.path("usage").findValues("micro_usd")).allSatisfy(v -> assertThat(v.asLong()).isEqualTo(15_000));
        assertThat(asRed.path("usage").findValuesAsText("scope")).containsExactly("key:" + redId, "team:red");
        assertThat(asBlue.path("usage")).isEmpty();
        assertThat(gateway.get("/admin/usage?period=week", gateway.adminKey()).statusCode()).isEqualTo(400);
    }

    @Test
    void teamUserAndKeyLimitsChangeAtRunTimeThroughTheAdminApiAndAreAudited() throws Exception {
        FakeOpenAi upstream = fake("local-model");
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model"));
        String member = issue(gateway, key("member", "green", Quota.NONE));
        String admin = gateway.adminKey();
        assertThat(chat(gateway, member, 10).statusCode()).isEqualTo(200);

        HttpResponse<String> set = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/teams/green"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rpm\":1}")).build());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set.body()).path("teams").get(0).path("rpm").asInt()).isEqualTo(1);
        assertThat(chat(gateway, member, 10).statusCode()).isEqualTo(200); // the team's one request this minute
        HttpResponse<String> limited = chat(gateway, member, 10);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited.body()).path("error").path("message").asText()).contains("team green");

        HttpResponse<String> removed = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/teams/green"))
                .header("Authorization", "Bearer " + admin).DELETE().build());
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(chat(gateway, member, 10).statusCode()).isEqualTo(200);

        String id = gateway.server().gateway().governance().keys().list().stream()
                .filter(k -> k.name().equals("member")).findFirst().orElseThrow().id();
        HttpResponse<String> keyLimits = gateway.post("/admin/keys/" + id + "/limits", "{\"rpm\":1}", admin);
        assertThat(keyLimits.statusCode()).as(keyLimits.body()).isEqualTo(200);
        assertThat(json(keyLimits.body()).path("rpm").asInt()).isEqualTo(1);
        assertThat(chat(gateway, member, 10).statusCode()).isEqualTo(200);
        assertThat(chat(gateway, member, 10).statusCode()).isEqualTo(429);

        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/teams/green"))
                .header("Authorization", "Bearer " + member).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rpm\":1000}")).build()).statusCode()).isEqualTo(403);
        List<String> actions = new ArrayList<>();
        for (AuditRecord record : gateway.server().gateway().governance().auditReader().recent(100)) {
            if (record.kind().equals("admin")) {
                actions.add(json(record.body()).path("action").asText());
            }
        }
        assertThat(actions).contains("team.set", "team.remove", "key.limits");

        // A user's limit, set at run time, applies to that user's requests whatever key or team they use.
        String second = issue(gateway, key("second", "blue", Quota.NONE)); // owned by user owner-second
        HttpResponse<String> user = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/users/owner-second"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rpm\":1}")).build());
        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
        assertThat(json(gateway.get("/admin/users", admin).body()).path("users").get(0).path("name").asText())
                .isEqualTo("owner-second");
        assertThat(chat(gateway, second, 10).statusCode()).isEqualTo(200);
        HttpResponse<String> userLimited = chat(gateway, second, 10);
        assertThat(userLimited.statusCode()).isEqualTo(429);
        assertThat(json(userLimited.body()).path("error").path("message").asText()).contains("user owner-second");
    }

    @Test
    void aStreamIsSettledAtItsActualUsage() {
        FakeOpenAi upstream = fake("local-model");
        LimitsConfig limits = new LimitsConfig(Map.of(), Map.of(), Map.of("local/*", new Price(1000, 1000)), 4096,
                null);
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model").limits(limits));
        String key = issue(gateway, key("streamer", null, new Quota(null, null, 1.0, 10.0)));

        HttpResponse<String> stream = gateway.post("/v1/chat/completions", "{\"model\":\"local-model\",\"stream\":true,"
                + "\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", key);

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(SseReader.data(stream.body())).last().isEqualTo("[DONE]");
        assertThat(costs(gateway)).containsExactly(0.015);
    }

    @Test
    void aClientThatLeavesMidStreamIsChargedForWhatWasDeliveredNotTheReservation() throws Exception {
        FakeOpenAi upstream = fake("local-model");
        upstream.enqueue(Answer.text("Hello", " there", " friend", " more"),
                new Fault.StallAfterChunks(2, Duration.ofSeconds(30)));
        LimitsConfig limits = new LimitsConfig(Map.of(), Map.of(), Map.of("local/*", new Price(1000, 1000)), 4096,
                null);
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model").limits(limits));
        String key = issue(gateway, key("leaver", null, new Quota(null, null, 5.0, null)));

        HttpResponse<java.io.InputStream> stream = gateway.http().send(HttpRequest.newBuilder(
                gateway.uri("/v1/chat/completions")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"local-model\",\"stream\":true,\"max_tokens\":500,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.contains("Hello"));
            assertThat(line).isNotNull();
        } // the client leaves while the upstream stalls

        List<Double> costs = List.of();
        for (int i = 0; i < 50 && costs.isEmpty(); i++) {
            Thread.sleep(100);
            costs = costs(gateway);
        }
        // Prompt (a few tokens) plus "Hello" at 0.001 USD a token: far below the 500-token reservation (~0.5 USD).
        assertThat(costs).as(gateway.server().gateway().governance().auditReader().recent(5).toString()).hasSize(1);
        assertThat(costs.getFirst()).isBetween(0.002, 0.05);
        JsonNode usage = json(gateway.get("/admin/usage", gateway.adminKey()).body()).path("usage");
        assertThat(usage.get(0).path("usd").asDouble()).isEqualTo(costs.getFirst());
    }

    @Test
    void aBudgetOnAnUnpricedModelIsRefusedRatherThanCountedAsFree() {
        FakeOpenAi upstream = fake("local-model");
        TestGateway gateway = start(TestGateway.builder().openAi("local", upstream, "local-model"));
        String key = issue(gateway, key("budget", null, new Quota(null, null, 1.0, null)));

        HttpResponse<String> refused = chat(gateway, key, 10);

        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode error = json(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("model_unpriced");
        assertThat(error.path("message").asText()).contains("local/local-model").contains("pricing");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void aKeysEgressListKeepsTheClassesItLeavesOutLocal() {
        FakeOpenAi cloud = fake("big-model");
        FakeOpenAi local = fake("small-model");
        TestGateway gateway = start(TestGateway.builder()
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "big-model")
                .backend("local", Protocol.OPENAI, local, Locality.LOCAL, "small-model")
                .alias("smart", Strategy.ORDERED, 0.5, "cloud/big-model", "local/small-model"));
        String open = issue(gateway, new KeySpec("open", null, null, Role.MEMBER, List.of(), null, Quota.NONE, null));
        String strict = issue(gateway, new KeySpec("strict", null, null, Role.MEMBER, List.of(), null, Quota.NONE,
                List.of("secret")));
        String body = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write to jane.doe@example.com about the meeting\"}]}";

        HttpResponse<String> masked = gateway.post("/v1/chat/completions", body, open);
        HttpResponse<String> kept = gateway.post("/v1/chat/completions", body, strict);

        assertThat(masked.statusCode()).isEqualTo(200);
        assertThat(masked.headers().firstValue("x-hearth-backend")).contains("cloud");
        assertThat(masked.headers().firstValue("x-hearth-privacy-action")).contains("mask");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.headers().firstValue("x-hearth-backend")).contains("local");
        assertThat(kept.headers().firstValue("x-hearth-privacy-action")).contains("local-only");
        assertThat(cloud.requests()).hasSize(1);
        assertThat(cloud.requests().get(0).body().toString()).doesNotContain("jane.doe@example.com");
    }

    /** The cost of every request record in USD, oldest first. */
    private static List<Double> costs(TestGateway gateway) {
        List<Double> costs = new ArrayList<>();
        for (AuditRecord record : gateway.server().gateway().governance().auditReader().recent(1000).reversed()) {
            JsonNode body = json(record.body());
            if (record.kind().equals("request") && body.has("cost_micro_usd")) {
                costs.add(body.path("cost_micro_usd").asLong() / 1e6);
            }
        }
        return costs;
    }
}
