package dev.hearth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API on a real socket: roles, the key life cycle, and the audit listing. */
class AdminApiTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static FakeOpenAi upstream;
    private static TestGateway gateway;
    private static String admin;
    private static String auditor;
    private static String member;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("m");
        gateway = TestGateway.builder().openAi("local", upstream, "m").start();
        admin = gateway.adminKey();
        auditor = issue("auditor", Role.AUDITOR);
        member = issue("member", Role.MEMBER);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static String issue(String name, Role role) {
        return gateway.server().gateway().governance().keys().create(KeySpec.of(name, role),
                Principal.operator("test"), null).secret().reveal();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.read(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static HttpResponse<String> call(String method, String path, String key) {
        return method.equals("GET") ? (key == null ? gateway.get(path) : gateway.get(path, key))
                : (key == null ? gateway.post(path, "{}") : gateway.post(path, "{\"name\":\"x\"}", key));
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
        "GET, /admin/keys, none, 401",
        "GET, /admin/keys, member, 403",
        "GET, /admin/keys, auditor, 403",
        "GET, /admin/keys, admin, 200",
        "POST, /admin/keys, member, 403",
        "POST, /admin/keys, auditor, 403",
        "GET, /admin/audit, none, 401",
        "GET, /admin/audit, member, 403",
        "GET, /admin/audit, auditor, 200",
        "GET, /admin/audit, admin, 200"})
    void onlyTheRightRoleGetsIn(String method, String path, String who, int status) {
        String key = switch (who) {
            case "admin" -> admin;
            case "auditor" -> auditor;
            case "member" -> member;
            default -> null;
        };
        HttpResponse<String> response = call(method, path, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 403) {
            assertThat(json(response).at("/error/type").asText()).isEqualTo("permission_error");
        }
    }

    @Test
    void anAdminCreatesAKeyThatWorksAtOnceAndRevokesItWithImmediateEffect() {
        HttpResponse<String> created = gateway.post("/admin/keys",
                "{\"name\":\"ci\",\"team\":\"red\",\"role\":\"member\",\"models\":[\"m\"]}", admin);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = json(created).path("key").asText();
        String id = json(created).at("/record/id").asText();
        assertThat(key).startsWith("hrth_").hasSize(48);
        assertThat(json(created).at("/record/models/0").asText()).isEqualTo("m");

        upstream.enqueue(Answer.text("hi"));
        assertThat(gateway.post("/v1/chat/completions", CHAT, key).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = gateway.get("/admin/keys", admin);
        assertThat(listed.body()).contains(id).doesNotContain(key).doesNotContain(key.substring(13));
        assertThat(listed.body()).doesNotContain("hash");

        HttpResponse<String> revoked = gateway.post("/admin/keys/" + id + "/revoke", "", admin);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).path("status").asText()).isEqualTo("revoked");
        assertThat(gateway.post("/v1/chat/completions", CHAT, key).statusCode()).isEqualTo(401);
        assertThat(gateway.post("/admin/keys/" + id + "/revoke", "", admin).statusCode()).isEqualTo(400);
        assertThat(gateway.post("/admin/keys/key_missing/revoke", "", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void rotationAnswersWithTheNewKeyOnceAndTheOldOneStopsWorking() {
        JsonNode old = json(gateway.post("/admin/keys", "{\"name\":\"to rotate\"}", admin));
        String oldKey = old.path("key").asText();
        String id = old.at("/record/id").asText();
        HttpResponse<String> rotated = gateway.post("/admin/keys/" + id + "/rotate", "", admin);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKey = json(rotated).path("key").asText();
        assertThat(newKey).isNotEqualTo(oldKey);
        upstream.enqueue(Answer.text("new"));
        assertThat(gateway.post("/v1/chat/completions", CHAT, newKey).statusCode()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", CHAT, oldKey).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsA400NamingTheField() {
        HttpResponse<String> noName = gateway.post("/admin/keys", "{\"role\":\"member\"}", admin);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json(noName).at("/error/param").asText()).isEqualTo("name");
        assertThat(json(gateway.post("/admin/keys", "{\"name\":\"x\",\"role\":\"root\"}", admin))
                .at("/error/param").asText()).isEqualTo("role");
        assertThat(gateway.get("/admin/audit?limit=0", admin).statusCode()).isEqualTo(400);
        assertThat(gateway.get("/admin/audit?limit=many", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void everyAdminActionIsInTheAuditLogWithItsActor() {
        HttpResponse<String> created = gateway.post("/admin/keys", "{\"name\":\"audited\"}", admin);
        String id = json(created).at("/record/id").asText();
        gateway.post("/admin/keys/" + id + "/revoke", "", admin);
        JsonNode records = json(gateway.get("/admin/audit?limit=50", auditor)).path("data");
        var actions = StreamSupport.stream(records.spliterator(), false)
                .filter(r -> r.path("kind").asText().equals("admin"))
                .filter(r -> r.at("/body/target/key_id").asText().equals(id))
                .toList();
        assertThat(actions).extracting(r -> r.at("/body/action").asText())
                .containsExactlyInAnyOrder("key.create", "key.revoke");
        assertThat(actions).allSatisfy(r -> {
            assertThat(r.at("/body/via").asText()).isEqualTo("api");
            assertThat(r.at("/body/actor_key_id").asText()).startsWith("key_");
            assertThat(r.at("/body/request_id").asText()).isNotEmpty();
        });
        assertThat(records.toString()).doesNotContain(admin);
    }
}
