package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.config.AuditConfig;
import dev.hearth.config.StateConfig;
import dev.hearth.json.Json;
import dev.hearth.store.Governance;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** API keys on a real socket, auth mode required: who gets 401, 403 and 200, in each client's dialect. */
class AuthServerTest {
    private static final String CHAT = "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static FakeOpenAi upstream;
    private static TestGateway gateway;
    private static String member;
    private static String limited;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model", "other-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model", "other-model")
                .authMode(AuthMode.REQUIRED).start();
        member = issue(new KeySpec("member", "ann", "red", Role.MEMBER, List.of(), null));
        limited = issue(new KeySpec("limited", null, "blue", Role.MEMBER, List.of("local-model"), null));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    static String issue(KeySpec spec) {
        return gateway.server().gateway().governance().keys().create(spec, Principal.operator("test"), null)
                .secret().reveal();
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static HttpResponse<String> chat(String header, String value, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return gateway.send(request.build());
    }

    @Test
    void aRequestWithoutAKeyIsRefusedWith401InTheOpenAiShapeAndNeverReachesABackend() {
        int before = upstream.requestsTo("/chat/completions").size();
        HttpResponse<String> response = gateway.post("/v1/chat/completions", CHAT);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hearth\"");
        JsonNode error = json(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("code").asText()).isEqualTo("missing_api_key");
        assertThat(upstream.requestsTo("/chat/completions")).hasSize(before);
    }

    @Test
    void anOllamaClientIsRefusedInOllamaErrorShape() {
        HttpResponse<String> response = gateway.post("/api/chat", CHAT);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).path("error").asText()).contains("needs an API key");
    }

    @Test
    void anAnthropicClientIsRefusedInAnthropicErrorShapeAndAdmittedWithXApiKey() {
        String messages = "{\"model\":\"local-model\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        HttpResponse<String> refused = gateway.post("/v1/messages", messages);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("authentication_error");
        upstream.enqueue(Answer.text("hello"));
        HttpResponse<String> admitted = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/messages"))
                .header("Content-Type", "application/json").header("x-api-key", member)
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(messages)).build());
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
    @CsvSource({
        "Authorization, Basic dXNlcjpwYXNz, 401, invalid_api_key",
        "Authorization, Bearer, 401, invalid_api_key",
        "Authorization, Bearer hrth_tooShort, 401, invalid_api_key",
        "Authorization, Bearer hrth_0123456789012345678901234567890123456789012, 401, invalid_api_key",
        "Authorization, Bearer sk-proj-someoneElsesKey, 401, invalid_api_key"})
    void aMalformedOrUnknownKeyIsRefused(String header, String value, int status, String code) {
        HttpResponse<String> response = chat(header, value, CHAT);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response.body()).at("/error/code").asText()).isEqualTo(code);
        String token = value.replaceFirst("^(Bearer|Basic) ?", "");
        if (token.length() >= 8) {
            assertThat(response.body()).doesNotContain(token);
        }
    }

    @Test
    void aValidKeyIsAcceptedAsABearerTokenOrAsXApiKey() {
        upstream.enqueue(Answer.text("one"));
        assertThat(chat("Authorization", "Bearer " + member, CHAT).statusCode()).isEqualTo(200);
        upstream.enqueue(Answer.text("two"));
        assertThat(chat("x-api-key", member, CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyLimitedToSomeModelsGets403ForOthersInChatAndEmbeddings() {
        upstream.enqueue(Answer.text("fine"));
        assertThat(gateway.post("/v1/chat/completions", CHAT, limited).statusCode()).isEqualTo(200);
        HttpResponse<String> other = gateway.post("/v1/chat/completions", CHAT.replace("local-model", "other-model"),
                limited);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other.body()).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(json(other.body()).at("/error/code").asText()).isEqualTo("model_not_allowed");
        HttpResponse<String> embed = gateway.post("/v1/embeddings", "{\"model\":\"other-model\",\"input\":\"x\"}",
                limited);
        assertThat(embed.statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyLimitedToSomeModelsListsOnlyThoseInEachDialect() throws Exception {
        JsonNode openAi = json(gateway.get("/v1/models", limited).body());
        JsonNode ollama = json(gateway.get("/api/tags", limited).body());
        JsonNode all = json(gateway.get("/v1/models", member).body());

        assertThat(openAi.path("data").findValuesAsText("id")).containsExactly("local-model");
        assertThat(ollama.path("models").findValuesAsText("name")).containsExactly("local-model");
        assertThat(all.path("data").findValuesAsText("id")).contains("local-model", "other-model");
        assertThat(gateway.get("/v1/models/other-model", limited).statusCode()).isEqualTo(404);
    }

    @Test
    void revokedAndExpiredKeysAreRefusedWithTheirReason() {
        String revoked = issue(KeySpec.of("to revoke", Role.MEMBER));
        gateway.server().gateway().governance().keys().revoke(revoked.substring(5, 13), Principal.operator("t"), null);
        assertThat(json(gateway.post("/v1/chat/completions", CHAT, revoked).body()).at("/error/code").asText())
                .isEqualTo("api_key_revoked");
        String expiring = issue(new KeySpec("short", null, null, Role.MEMBER, List.of(),
                Instant.now().plusMillis(300)));
        sleep(400);
        assertThat(json(gateway.post("/v1/chat/completions", CHAT, expiring).body()).at("/error/code").asText())
                .isEqualTo("api_key_expired");
    }

    @Test
    void aKeyRevokedByAnotherProcessStopsWorkingWithinTheRefreshInterval() {
        String key = issue(KeySpec.of("revoked elsewhere", Role.MEMBER));
        upstream.enqueue(Answer.text("still fine"));
        assertThat(gateway.post("/v1/chat/completions", CHAT, key).statusCode()).isEqualTo(200);
        try (Governance cli = Governance.open(new StateConfig(gateway.stateDir()), AuditConfig.defaults(), Map.of(),
                Clock.systemUTC())) {
            cli.keys().revoke(key.substring(5, 13), Principal.operator("other-process"), null);
        }
        long revokedAt = System.nanoTime();
        while (gateway.post("/v1/chat/completions", CHAT, key).statusCode() != 401) {
            assertThat(System.nanoTime() - revokedAt).as("still accepted").isLessThan(5_000_000_000L);
            upstream.enqueue(Answer.text("late"));
            sleep(100);
        }
        assertThat((System.nanoTime() - revokedAt) / 1_000_000).as("ms until refused").isLessThan(3_000);
    }

    @Test
    void secretsNeverAppearInResponsesLogsOrTheDatabase() throws Exception {
        String wrong = member.substring(0, 20) + "0".repeat(member.length() - 20);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        StringBuilder seen = new StringBuilder();
        try {
            upstream.enqueue(Answer.text("ok"));
            for (HttpResponse<String> response : List.of(gateway.post("/v1/chat/completions", CHAT, member),
                    gateway.post("/v1/chat/completions", CHAT, wrong), gateway.get("/admin/keys", member),
                    gateway.get("/admin/keys", wrong), gateway.post("/api/chat", CHAT, wrong))) {
                seen.append(response.headers().map()).append(response.body());
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString();
        for (String secret : List.of(member, wrong, member.substring(13))) {
            assertThat(seen.toString()).doesNotContain(secret);
            assertThat(logs).doesNotContain(secret);
        }
        for (String file : List.of("hearth.db", "hearth.db-wal")) {
            Path path = gateway.stateDir().resolve(file);
            if (Files.exists(path)) {
                assertThat(new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(member).doesNotContain(member.substring(13));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
