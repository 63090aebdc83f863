package dev.hearth.privacy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.json.Json;
import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hang guard through the whole request path: a request padded with input built to trip the detectors (megabytes of
 * digits, long runs, unpaired surrogates, deeply nested content parts) is inspected, masked, sent and restored in
 * bounded time, and gets the same answer, status and privacy headers as the same request without the padding. The
 * 30 s bound is a guard, not a benchmark. The model is one the catalog does not know, so no context window refuses
 * the padded prompt before it is inspected and sent; JSON bodies nest at most 200 deep (see {@code Json}).
 */
class PathologicalRequestTest {
    private static final String SENTENCE = "Please mail jane.doe@example.com the card 4111 1111 1111 1111.";

    private static FakeOpenAi cloud;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        cloud = new FakeOpenAi("big-context");
        gateway = TestGateway.builder().backend("cloud", Protocol.OPENAI, cloud, Locality.CLOUD, "big-context").start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
    }

    /** A JSON string literal's content (quotes and backslashes escaped; surrogates as \\u escapes). */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String textContent(String padding) {
        return "[{\"type\":\"text\",\"text\":\"" + quoted(padding + " " + SENTENCE + " " + padding) + "\"}]";
    }

    /** An unknown part kind (kept as an opaque tree) nested {@code depth} deep, the sentence in its innermost leaf. */
    private static String nestedContent(int depth) {
        return "[{\"type\":\"text\",\"text\":\"hello\"},{\"type\":\"x_note\",\"x_note\":"
                + "{\"inner\":".repeat(depth) + "\"" + SENTENCE + "\"" + "}".repeat(depth) + "}]";
    }

    static Stream<Arguments> paddings() {
        return Stream.of(
                text("1 MB of digits", () -> "7".repeat(1 << 20)),
                text("1 MB of mixed digits", () -> "0123456789".repeat(1 << 17)),
                text("100k a then !", () -> "a".repeat(100_000) + "!"),
                text("a long run of @", () -> "@".repeat(200_000)),
                text("unpaired surrogates", () -> "\uD800x\uDC00\uD83D".repeat(50_000)),
                text("repeated password=", () -> "password=".repeat(30_000)),
                text("token prefixes", () -> "sk-".repeat(100_000)),
                text("jwt prefixes", () -> "eyJ".repeat(100_000)),
                Arguments.of("content parts nested to the body limit", (Supplier<String>) () -> nestedContent(190)));
    }

    private static Arguments text(String name, Supplier<String> padding) {
        return Arguments.of(name, (Supplier<String>) () -> textContent(padding.get()));
    }

    private static HttpResponse<String> ask(String content) {
        cloud.enqueue(Answer.text("Sent to <<EMAIL_", "ADDRESS_1>> for <<CREDIT_CARD_1>>."));
        return gateway.post("/v1/chat/completions",
                "{\"model\":\"big-context\",\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paddings")
    void aPathologicalRequestFinishesAndIsAnsweredLikeTheSameRequestWithoutPadding(String name,
            Supplier<String> content) throws Exception {
        HttpResponse<String> normal = ask(textContent(""));
        String padded = content.get();
        HttpResponse<String> response = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ask(padded));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(normal.statusCode()).isEqualTo(200);
        JsonNode answer = Json.read(response.body());
        assertThat(answer.at("/choices/0/message/content").asText())
                .isEqualTo(Json.read(normal.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Sent to jane.doe@example.com for 4111 1111 1111 1111.");
        for (String header : new String[] {"x-hearth-data-classes", "x-hearth-privacy-action"}) {
            assertThat(response.headers().firstValue(header)).as(header).isEqualTo(normal.headers().firstValue(header));
        }
        String sent = cloud.requests().getLast().body().toString();
        assertThat(sent).doesNotContain("jane.doe@example.com").doesNotContain("4111 1111 1111 1111")
                .contains("<<EMAIL_ADDRESS_1>>").contains("<<CREDIT_CARD_1>>");
    }
}
