package dev.hearth.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectorTest {

    @Test
    void aMoreSpecificTypeWinsOverALongerLessSpecificOne() {
        List<Span> resolved = Detector.resolve(List.of(
                new Span(SpanTypes.PHONE_NUMBER, 0, 20),
                new Span(SpanTypes.CREDIT_CARD, 1, 20)));
        assertThat(resolved).containsExactly(new Span(SpanTypes.CREDIT_CARD, 1, 20));
    }

    @Test
    void amongEquallySpecificTypesTheLongerSpanWins() {
        List<Span> resolved = Detector.resolve(List.of(
                new Span(SpanTypes.LOCATION, 18, 24),
                new Span(SpanTypes.POSTAL_ADDRESS, 0, 32)));
        assertThat(resolved).containsExactly(new Span(SpanTypes.POSTAL_ADDRESS, 0, 32));
    }

    @Test
    void tiesAreBrokenByStartThenTypeNameSoTheResultIsDeterministic() {
        List<Span> a = Detector.resolve(List.of(new Span(SpanTypes.PERSON, 0, 5), new Span(SpanTypes.LOCATION, 0, 5),
                new Span(SpanTypes.PERSON, 3, 8)));
        List<Span> b = Detector.resolve(List.of(new Span(SpanTypes.PERSON, 3, 8), new Span(SpanTypes.PERSON, 0, 5),
                new Span(SpanTypes.LOCATION, 0, 5)));
        assertThat(a).isEqualTo(b).containsExactly(new Span(SpanTypes.LOCATION, 0, 5));
    }

    @Test
    void nonOverlappingSpansAreAllKeptInTextOrderAndDuplicatesCollapse() {
        List<Span> resolved = Detector.resolve(List.of(new Span(SpanTypes.EMAIL_ADDRESS, 30, 40),
                new Span(SpanTypes.PERSON, 0, 10), new Span(SpanTypes.PERSON, 0, 10), new Span(SpanTypes.IBAN, 10, 30)));
        assertThat(resolved).containsExactly(new Span(SpanTypes.PERSON, 0, 10), new Span(SpanTypes.IBAN, 10, 30),
                new Span(SpanTypes.EMAIL_ADDRESS, 30, 40));
    }

    @Test
    void aConnectionStringSwallowsTheEmailLikeUserAtHostInsideIt() {
        String text = "DATABASE_URL=postgres://app:Kq8vXz2mN4@db.example.com:5432/orders";
        assertThat(Found.by(Detectors.standard(), text))
                .containsExactly("CONNECTION_STRING=postgres://app:Kq8vXz2mN4@db.example.com:5432/orders");
    }

    @Test
    void aRecognizerThatBreaksItsContractIsReportedByClassNotByText() {
        Recognizer broken = new Recognizer() {
            @Override
            public List<Span> find(CharSequence text) {
                return List.of(new Span(SpanTypes.PERSON, 0, text.length() + 5));
            }

            @Override
            public Set<String> types() {
                return Set.of(SpanTypes.PERSON);
            }
        };
        assertThatThrownBy(() -> new Detector(List.of(broken)).detect("secret words"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret words");
    }

    @Test
    void aRecognizerDeclaringAnUnknownTypeIsRefusedAtConstruction() {
        Recognizer odd = new Recognizer() {
            @Override
            public List<Span> find(CharSequence text) {
                return List.of();
            }

            @Override
            public Set<String> types() {
                return Set.of("SHOE_SIZE");
            }
        };
        assertThatThrownBy(() -> new Detector(List.of(odd))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHOE_SIZE");
    }

    @Test
    void oneDetectorServesManyThreadsWithTheSameAnswers() throws Exception {
        Detector detector = Detectors.standard();
        List<String> texts = List.of("mail jane.doe@example.com or call (415) 555-0132",
                "card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00",
                "Patient: Wei Zhang, MRN: 00482133, prescribed metformin 500 mg",
                "export GITHUB_TOKEN=ghp_4fK9sLm2Qx7Vb1Nz8Ry3Tc6Wp0Hd5Ja2Ge9U");
        List<List<Span>> expected = texts.stream().map(detector::detect).toList();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = i % texts.size();
                        if (!detector.detect(texts.get(k)).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var run : runs) {
                assertThat(run.get()).isTrue();
            }
        }
    }

    @Test
    void emptyTextHasNoSpans() {
        assertThat(Detectors.standard().detect("")).isEmpty();
    }

    @Test
    void everySpanTypeHasADataClassAndCustomTypesAreCustom() {
        for (String type : SpanTypes.builtIn()) {
            assertThat(SpanTypes.dataClass(type)).isNotNull();
        }
        assertThat(SpanTypes.dataClass("CUSTOM:project")).isEqualTo(DataClass.CUSTOM);
        assertThat(SpanTypes.dataClass(SpanTypes.URL_WITH_CREDENTIALS)).isEqualTo(DataClass.SECRET);
        assertThat(SpanTypes.dataClass(SpanTypes.IBAN)).isEqualTo(DataClass.FINANCIAL);
        assertThatThrownBy(() -> SpanTypes.dataClass("CUSTOM:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStandardDetectorCoversEveryBuiltInType() {
        Set<String> declared = new java.util.HashSet<>();
        Detectors.standard().recognizers().forEach(r -> declared.addAll(r.types()));
        assertThat(declared).containsAll(SpanTypes.builtIn());
    }
}
