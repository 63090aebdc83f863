package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.audit.AuditRecord;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log on a real socket: one record per request, and durable before the client has the whole answer. */
class AuditServerTest {
    private static final String PROMPT = "please keep this prompt out of the audit log";
    private static final String CHAT = "{\"model\":\"local-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + PROMPT + "\"}]}";
    private static final String STREAM = CHAT.replace("\"messages\"", "\"stream\":true,\"messages\"");
    private static final HeldAuditLog held = new HeldAuditLog();
    private static FakeOpenAi upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAi("local-model");
        gateway = TestGateway.builder().openAi("local", upstream, "local-model").auditView(held).start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @AfterEach
    void reset() {
        held.fail(false);
        held.release();
    }

    private static JsonNode json(String text) {
        try {
            return Json.read(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    /** The request's record, read with a connection of its own (as another process would see the file). */
    private static JsonNode storedRecord(String requestId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gateway.stateDir().resolve("hearth.db"));
                PreparedStatement s = c.prepareStatement("SELECT body FROM audit_records WHERE request_id = ?")) {
            s.setString(1, requestId);
            while (true) {
                try (ResultSet row = s.executeQuery()) {
                    if (row.next()) {
                        JsonNode body = json(row.getString(1));
                        assertThat(row.next()).as("one record per request").isFalse();
                        return body;
                    }
                }
                assertThat(System.nanoTime()).as("record of " + requestId).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static boolean stored(String requestId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gateway.stateDir().resolve("hearth.db"));
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_records WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() && row.getInt(1) > 0;
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(String requestId, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return gateway.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChatRequestIsRecordedWithWhoWhatWhereAndCostButNoContent() throws Exception {
        upstream.enqueue(Answer.text("Hello", " world"));
        HttpResponse<String> response = sendAsync("audit-fields-1", CHAT, gateway.adminKey()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = storedRecord("audit-fields-1");
        assertThat(body.path("principal").asText()).isEqualTo("key");
        assertThat(body.path("key_prefix").asText()).isEqualTo(gateway.adminKey().substring(5, 13));
        assertThat(body.path("key_id").asText()).startsWith("key_");
        assertThat(body.path("dialect").asText()).isEqualTo("openai");
        assertThat(body.path("requested_model").asText()).isEqualTo("local-model");
        assertThat(body.path("backend").asText()).isEqualTo("local");
        assertThat(body.path("model").asText()).isEqualTo("local-model");
        assertThat(body.path("route_reason").asText()).isNotEmpty();
        assertThat(body.path("attempts").asInt()).isEqualTo(1);
        assertThat(body.path("completion_tokens").asInt()).isPositive();
        assertThat(body.path("status").asInt()).isEqualTo(200);
        assertThat(body.path("outcome").asText()).isEqualTo("ok");
        assertThat(body.has("latency_ms")).isTrue();
        assertThat(body.toString()).doesNotContain(PROMPT).doesNotContain("Hello").doesNotContain(gateway.adminKey());
    }

    @Test
    void aNonStreamingAnswerIsHeldBackUntilItsRecordIsCommitted() throws Exception {
        held.hold();
        upstream.enqueue(Answer.text("held"));
        CompletableFuture<HttpResponse<String>> response = sendAsync("audit-held-1", CHAT, null);
        Thread.sleep(300);
        assertThat(held.waiting()).as("the record is waiting").isEqualTo(1);
        assertThat(response).as("no answer before the audit commit").isNotDone();
        assertThat(stored("audit-held-1")).isFalse();

        held.release();
        assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stored("audit-held-1")).as("durable by the time the answer arrived").isTrue();
    }

    @Test
    void aStreamGetsItsTerminatorOnlyAfterItsRecordIsCommitted() throws Exception {
        held.hold();
        upstream.enqueue(Answer.text("a", "b", "c"));
        CompletableFuture<HttpResponse<String>> response = sendAsync("audit-held-2", STREAM, null);
        Thread.sleep(300);
        assertThat(response).as("the stream is not finished").isNotDone();
        held.release();
        HttpResponse<String> done = response.get(10, TimeUnit.SECONDS);
        assertThat(done.body()).endsWith("data: [DONE]\n\n");
        assertThat(stored("audit-held-2")).isTrue();
        assertThat(storedRecord("audit-held-2").path("stream").asBoolean()).isTrue();
    }

    @Test
    void whenTheRecordCannotBeWrittenTheAnswerIsWithheld() throws Exception {
        held.fail(true);
        upstream.enqueue(Answer.text("lost"));
        HttpResponse<String> plain = sendAsync("audit-fail-1", CHAT, null).get(10, TimeUnit.SECONDS);
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(json(plain.body()).at("/error/code").asText()).isEqualTo("audit_unavailable");
        assertThat(plain.body()).doesNotContain("lost");

        upstream.enqueue(Answer.text("lost", " too"));
        HttpResponse<String> streamed = sendAsync("audit-fail-2", STREAM, null).get(10, TimeUnit.SECONDS);
        assertThat(streamed.body()).contains("audit_unavailable").doesNotContain("[DONE]");
    }

    @Test
    void refusalsAndOtherEndpointsAreRecordedToo() throws Exception {
        HttpRequest unauthenticated = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("x-request-id", "audit-401").header("Authorization", "Bearer hrth_" + "x".repeat(43))
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
        assertThat(gateway.send(unauthenticated).statusCode()).isEqualTo(401);
        HttpRequest models = HttpRequest.newBuilder(gateway.uri("/v1/models")).header("x-request-id", "audit-models")
                .GET().build();
        assertThat(gateway.send(models).statusCode()).isEqualTo(200);
        assertThat(sendAsync("audit-400", "{not json", null).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(400);

        JsonNode refused = storedRecord("audit-401");
        assertThat(refused.path("outcome").asText()).isEqualTo("unauthenticated");
        assertThat(refused.path("principal").asText()).isEqualTo("none");
        assertThat(refused.path("presented_prefix").asText()).isEqualTo("xxxxxxxx");
        assertThat(storedRecord("audit-models").path("path").asText()).isEqualTo("/v1/models");
        assertThat(storedRecord("audit-400").path("outcome").asText()).isEqualTo("refused");
    }

    @Test
    void theLogStaysAVerifiableChainAcrossManyRequests() throws Exception {
        for (int i = 0; i < 20; i++) {
            upstream.enqueue(Answer.text("n" + i));
        }
        List<CompletableFuture<HttpResponse<String>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(sendAsync("audit-many-" + i, CHAT, null));
        }
        for (var response : all) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        var governance = gateway.server().gateway().governance();
        var verification = new dev.hearth.audit.ChainVerifier(governance.auditPublicKey())
                .verify(governance.auditReader());
        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(governance.auditReader().recent(1000)).extracting(AuditRecord::kind).contains("request", "admin");
    }
}
