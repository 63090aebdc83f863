package dev.hearth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.AliasConfig;
import dev.hearth.json.Json;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.guard.PrivacyAction;
import dev.hearth.routing.Strategy;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routing admin endpoints on a real socket: {@code POST /admin/route/explain} explains without calling any
 * upstream or counting a decision, {@code GET /admin/decisions} lists served decisions without prompt content, and
 * both are for admins only. A local and a cloud backend behind the alias "auto" (cost strategy); the alias "strict"
 * blocks secrets.
 */
class RouteAdminApiTest {
    private static final String PHI = "Patient MRN: 00482133 was seen today. Summarise.";
    private static final String TOKEN = "ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U";
    private static FakeOpenAi local;
    private static FakeOpenAi cloud;
    private static TestGateway gateway;
    private static String admin;

    @BeforeAll
    static void start() {
        local = new FakeOpenAi("llama3");
        cloud = new FakeOpenAi("gpt-4o");
        gateway = TestGateway.builder()
                .backend("local", Protocol.OPENAI, local, Locality.LOCAL, "llama3")
                .backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "gpt-4o")
                .alias("auto", Strategy.COST, 0.5, "cloud/gpt-4o", "local/llama3")
                .alias("strict", new AliasConfig(List.of("cloud/gpt-4o"), Strategy.ORDERED, 0.5, null,
                        Map.of(DataClass.SECRET, PrivacyAction.BLOCK)))
                .start();
        admin = gateway.adminKey();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        local.close();
        cloud.close();
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.read(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static int chatCalls() {
        return local.requestsTo("/chat/completions").size() + cloud.requestsTo("/chat/completions").size();
    }

    @Test
    void explainShowsCandidatesRankingAndOrderWithoutCallingAnyUpstreamOrCountingADecision() {
        int before = chatCalls();
        String decisionsBefore = decisionLines(gateway.get("/metrics").body());
        HttpResponse<String> response = gateway.post("/admin/route/explain", chat("auto", "Say hello"), admin);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("requested").asText()).isEqualTo("auto");
        assertThat(body.path("strategy").asText()).isEqualTo("cost");
        assertThat(body.at("/privacy/action").asText()).isEqualTo("none");
        assertThat(body.path("candidates").toString()).contains("cloud/gpt-4o", "local/llama3");
        assertThat(body.path("order").get(0).asText()).isEqualTo("local/llama3");
        assertThat(body.path("location").asText()).isEqualTo("local");
        assertThat(body.path("ranking").asText()).isNotEmpty();
        assertThat(body.has("refusal")).isFalse();
        assertThat(chatCalls()).isEqualTo(before);
        assertThat(decisionLines(gateway.get("/metrics").body())).isEqualTo(decisionsBefore);
    }

    @Test
    void explainShowsPrivacyConfiningARequestToLocalBackends() {
        JsonNode body = json(gateway.post("/admin/route/explain", chat("auto", PHI), admin));

        assertThat(body.at("/privacy/classes").asText()).isEqualTo("phi");
        assertThat(body.at("/privacy/action").asText()).isEqualTo("local-only");
        assertThat(body.path("local_only").asBoolean()).isTrue();
        assertThat(body.path("order").toString()).doesNotContain("cloud/");
        assertThat(body.path("dropped").toString()).contains("cloud/gpt-4o withheld: local-only (phi)");
        assertThat(body.toString()).doesNotContain("00482133");
    }

    @Test
    void explainShowsRefusalsAsValuesNamingTheClassNeverTheValue() {
        JsonNode blocked = json(gateway.post("/admin/route/explain", chat("strict", "deploy with " + TOKEN), admin));
        assertThat(blocked.at("/refusal/code").asText()).isEqualTo("privacy_blocked");
        assertThat(blocked.at("/refusal/status").asInt()).isEqualTo(403);
        assertThat(blocked.toString()).doesNotContain(TOKEN);

        JsonNode unknown = json(gateway.post("/admin/route/explain", chat("no-such-model", "hi"), admin));
        assertThat(unknown.at("/refusal/status").asInt()).isEqualTo(404);

        assertThat(cloud.requestsTo("/chat/completions")).isEmpty();
    }

    @Test
    void aBadBodyIsA400AndOnlyAdminsGetIn() {
        HttpResponse<String> bad = gateway.post("/admin/route/explain", "{\"messages\":[]}", admin);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);

        String member = gateway.server().gateway().governance().keys().create(KeySpec.of("m", Role.MEMBER),
                Principal.operator("test"), null).secret().reveal();
        assertThat(gateway.post("/admin/route/explain", chat("auto", "hi"), member).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/admin/decisions", member).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/admin/decisions").statusCode()).isEqualTo(401);
        assertThat(gateway.get("/admin/decisions?limit=0", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void servedDecisionsAreListedNewestFirstWithoutPromptContentAndCountedInMetrics() {
        HttpResponse<String> served = gateway.post("/v1/chat/completions", chat("auto", "tell me about otters"), admin);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);

        HttpResponse<String> listed = gateway.get("/admin/decisions?limit=1", admin);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode newest = json(listed).path("data").get(0);
        assertThat(json(listed).path("data").size()).isEqualTo(1);
        assertThat(newest.path("requested").asText()).isEqualTo("auto");
        assertThat(newest.path("order").get(0).asText()).isEqualTo("local/llama3");
        assertThat(newest.path("reason").asText()).isNotEmpty();
        assertThat(newest.path("time").asText()).isNotEmpty();
        assertThat(listed.body()).doesNotContain("otters");

        assertThat(gateway.get("/metrics").body()).contains("hearth_route_decisions_total{local_only=\"false\","
                + "location=\"local\",outcome=\"routed\",strategy=\"cost\"}");
    }

    private static String decisionLines(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("hearth_route_decisions_total"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
