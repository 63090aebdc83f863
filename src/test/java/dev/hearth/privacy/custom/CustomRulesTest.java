package dev.hearth.privacy.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.Found;
import dev.hearth.privacy.Span;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomRulesTest {
    private static final CustomRules PROJECT = new CustomRules("project",
            List.of("Project Bluebird", "falcon"), List.of("PRJ-[0-9]{4}"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status of project   bluebird?            | CUSTOM:project=project   bluebird
            FALCON launch slipped                    | CUSTOM:project=FALCON
            see PRJ-2291 for details                 | CUSTOM:project=PRJ-2291
            """)
    void keywordsMatchAsWholeWordsIgnoringCaseAndPatternsAsWritten(String text, String expected) {
        assertThat(Found.by(new CustomRecognizer(PROJECT), text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"falconry is a hobby", "Bluebird alone", "prj-2291 in lower case", "PRJ-22"})
    void partsOfWordsAndNearMissesDoNotMatch(String text) {
        assertThat(Found.by(new CustomRecognizer(PROJECT), text)).isEmpty();
    }

    @Test
    void theStandardDetectorIncludesCustomRulesAlongsideBuiltIns() {
        String text = "PRIVILEGED & CONFIDENTIAL: Falcon budget, ask jane.doe@example.com";
        assertThat(Found.by(Detectors.standard(PROJECT), text)).containsExactly(
                "CONFIDENTIAL_MARKER=PRIVILEGED & CONFIDENTIAL", "CUSTOM:project=Falcon",
                "EMAIL_ADDRESS=jane.doe@example.com");
    }

    @Test
    void aCatastrophicallyBacktrackingPatternFailsClosedInsteadOfHanging() {
        CustomRules evil = new CustomRules("evil", List.of(), List.of("(a+)+b"));
        String text = "ok " + "a".repeat(5_000) + "!";
        List<Span> spans = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new CustomRecognizer(evil).find(text));
        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.type()).isEqualTo("CUSTOM:evil");
            assertThat(span.end()).isEqualTo(text.length());
        });
    }

    @Test
    void badRulesAreRefusedWithTheRuleNamed() {
        assertThatThrownBy(() -> new CustomRules("x y", List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomRules("empty", List.of(), List.of()))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new CustomRules("broken", List.of(), List.of("([a-z")))
                .hasMessageContaining("broken").hasMessageContaining("pattern 0");
        assertThatThrownBy(() -> new CustomRules("blank", List.of(), List.of("x*")))
                .hasMessageContaining("empty string");
        assertThatThrownBy(() -> Detectors.standard(CustomRules.keywords("a", "x"), CustomRules.keywords("a", "y")))
                .hasMessageContaining("named a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PRIVILEGED & CONFIDENTIAL - attorney work product  | CONFIDENTIAL_MARKER=PRIVILEGED & CONFIDENTIAL, CONFIDENTIAL_MARKER=attorney work product
            For internal use only.                             | CONFIDENTIAL_MARKER=For internal use only
            CONFIDENTIAL                                       | CONFIDENTIAL_MARKER=CONFIDENTIAL
            """)
    void confidentialityMarkersAreFound(String text, String expected) {
        assertThat(String.join(", ", Found.by(new ConfidentialMarkerRecognizer(), text))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keep this confidential between us", "Level.CONFIDENTIAL", "CONFIDENTIAL(3)",
        "CONFIDENTIAL = 2"})
    void proseAndCodeConstantsAreNotMarkers(String text) {
        assertThat(Found.by(new ConfidentialMarkerRecognizer(), text)).isEmpty();
    }
}
