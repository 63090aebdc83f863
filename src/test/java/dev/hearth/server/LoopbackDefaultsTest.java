package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On loopback, with no auth section: keys are optional, and the first start creates one admin key, shown once. */
class LoopbackDefaultsTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path state;

    @Test
    void withoutAKeyOrWithAnSdkPlaceholderARequestRunsAsTheLocalUserButABadHearthKeyIsRefused() {
        try (FakeOpenAi upstream = new FakeOpenAi("m");
                TestGateway gateway = TestGateway.builder().openAi("local", upstream, "m").start()) {
            upstream.enqueue(Answer.text("a"));
            assertThat(gateway.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            upstream.enqueue(Answer.text("b"));
            assertThat(gateway.post("/v1/chat/completions", CHAT, "sk-no-key-required").statusCode()).isEqualTo(200);
            assertThat(gateway.post("/v1/chat/completions", CHAT, "hrth_notAKeyAtAll").statusCode()).isEqualTo(401);
            upstream.enqueue(Answer.text("c"));
            assertThat(gateway.post("/v1/chat/completions", CHAT, gateway.adminKey()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theFirstStartCreatesOneAdminKeyAndNoLaterStartShowsOneAgain() {
        String first;
        try (TestGateway gateway = TestGateway.builder().stateDir(state).start()) {
            first = gateway.adminKey();
            assertThat(first).startsWith("hrth_");
            assertThat(gateway.get("/admin/keys", first).statusCode()).isEqualTo(200);
        }
        try (TestGateway again = TestGateway.builder().stateDir(state).start()) {
            assertThat(again.server().firstAdminKey()).isEmpty();
            assertThat(again.get("/admin/keys", first).statusCode()).as("the first key still works").isEqualTo(200);
            assertThat(again.server().gateway().governance().keys().list()).hasSize(1);
        }
    }
}
