package dev.hearth.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hang guard: inputs built to trigger catastrophic backtracking or quadratic scans finish, and a normal request
 * embedded in the middle of them is still found exactly as on its own. The 10 s bound is a guard, not a benchmark.
 */
class PathologicalInputTest {
    private static final Detector DETECTOR = Detectors.standard();
    private static final String REQUEST = " Hi, I am Maria Garcia (maria.garcia@example.com, +44 20 7946 0958), card "
            + "4111 1111 1111 1111, key ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U. ";

    static Stream<Arguments> inputs() {
        return Stream.of(
                input("1 MB of digits", () -> "7".repeat(1 << 20)),
                input("1 MB of mixed digits", () -> "0123456789".repeat(1 << 17)),
                input("100k a then !", () -> "a".repeat(100_000) + "!"),
                input("long run of @", () -> "@".repeat(200_000)),
                input("alternating a@", () -> "a@".repeat(100_000)),
                input("unpaired surrogates", () -> "\uD800x\uDC00\uD83D".repeat(50_000)),
                input("repeated dashes", () -> "1-".repeat(200_000)),
                input("repeated spaced digits", () -> "1 ".repeat(200_000)),
                input("repeated dots", () -> "1.".repeat(200_000)),
                input("grouped digit runs", () -> "12 3456 7890 ".repeat(50_000)),
                input("card numbers back to back", () -> "4111 1111 1111 1111 ".repeat(30_000)),
                input("IBANs and phones", () -> "DE89 3704 0044 0532 0130 00 +1 415 555 0142 ".repeat(10_000)),
                input("repeated colons", () -> "a:".repeat(200_000)),
                input("repeated equals", () -> "password=".repeat(30_000)),
                input("capitalised words", () -> "Maria ".repeat(100_000)),
                input("url schemes", () -> "postgres://".repeat(50_000)),
                input("jwt prefixes", () -> "eyJ".repeat(100_000)),
                input("key headers", () -> "-----BEGIN PRIVATE KEY-----".repeat(20_000)),
                input("token prefixes", () -> "sk-".repeat(100_000)),
                input("uppercase run", () -> "A".repeat(300_000)),
                input("hex and colons", () -> "ab:".repeat(200_000)));
    }

    private static Arguments input(String name, Supplier<String> noise) {
        return Arguments.of(name, noise);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void aPathologicalInputFinishesAndANormalRequestInsideItIsStillFound(String name, Supplier<String> noise) {
        String pad = noise.get();
        String text = pad + REQUEST + pad;
        List<Span> alone = DETECTOR.detect(REQUEST);
        List<Span> embedded = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> DETECTOR.detect(text));
        List<String> expected = alone.stream().map(s -> s.type() + "@" + (s.start() + pad.length())).toList();
        List<String> found = embedded.stream()
                .filter(s -> s.start() >= pad.length() && s.end() <= pad.length() + REQUEST.length())
                .map(s -> s.type() + "@" + s.start()).toList();
        assertThat(alone).extracting(Span::type).contains(SpanTypes.EMAIL_ADDRESS, SpanTypes.PHONE_NUMBER,
                SpanTypes.CREDIT_CARD, SpanTypes.GITHUB_TOKEN, SpanTypes.PERSON);
        assertThat(found).isEqualTo(expected);
    }
}
