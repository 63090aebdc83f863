package dev.hearth.privacy.devset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.cli.LabeledJsonLines;
import dev.hearth.privacy.DataClass;
import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.Specificity;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.custom.CustomRules;
import dev.hearth.privacy.eval.Evaluation;
import dev.hearth.privacy.eval.LabeledText;
import dev.hearth.privacy.eval.TypeScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression floors on the generated dev set. The floors sit well below today's scores (see docs/privacy-types.md)
 * so that only a real regression fails; they are per family, because a checksummed number and a person's name are
 * not equally easy to find without a model.
 */
class DevSetEvaluationTest {
    static final CustomRules PROJECT = new CustomRules("project", List.of("Project Bluebird", "Falcon"),
            List.of("PRJ-[0-9]{4}"));
    private static Map<String, TypeScore> scores;

    @BeforeAll
    static void evaluate() throws IOException {
        LabeledJsonLines.Result read = LabeledJsonLines.read(DevSetGenerator.DEFAULT_OUTPUT.toString(), System.in);
        assertThat(read.problems()).isEmpty();
        Detector detector = Detectors.standard(PROJECT);
        scores = Evaluation.byType(detector, read.examples());
        System.out.print(Evaluation.table(scores));
    }

    @Test
    void theCommittedDevSetIsExactlyWhatTheGeneratorWrites() throws IOException {
        List<LabeledText> generated = DevSetGenerator.generate(DevSetGenerator.SEED, DevSetGenerator.SIZE);
        String committed = Files.readString(DevSetGenerator.DEFAULT_OUTPUT, StandardCharsets.UTF_8);
        assertThat(DevSetGenerator.toJsonLines(generated)).isEqualTo(committed);
    }

    @Test
    void everyBuiltInTypeIsLabelledInTheDevSet() {
        assertThat(scores.keySet()).containsAll(SpanTypes.builtIn());
        assertThat(scores.values()).allSatisfy(s -> assertThat(s.gold()).as(s.type()).isPositive());
    }

    @Test
    void checksummedAndVendorPrefixedTypesAreFoundAlmostAlways() {
        for (TypeScore score : scores.values()) {
            if (SpanTypes.isCustom(score.type())) {
                continue;
            }
            Specificity specificity = SpanTypes.specificity(score.type());
            if (specificity == Specificity.CHECKSUM || specificity == Specificity.VERIFIED) {
                assertThat(score.recall()).as(score.type() + " recall").isGreaterThanOrEqualTo(0.9);
                assertThat(score.precision()).as(score.type() + " precision").isGreaterThanOrEqualTo(0.9);
            }
        }
    }

    @Test
    void formatTypesKeepHighRecallAndPrecision() {
        for (TypeScore score : scores.values()) {
            if (!SpanTypes.isCustom(score.type()) && SpanTypes.specificity(score.type()) == Specificity.FORMAT) {
                assertThat(score.recall()).as(score.type() + " recall").isGreaterThanOrEqualTo(0.85);
                assertThat(score.precision()).as(score.type() + " precision").isGreaterThanOrEqualTo(0.85);
            }
        }
    }

    @Test
    void contextAndDictionaryTypesFindMostAndRarelyCryWolf() {
        for (TypeScore score : scores.values()) {
            Specificity specificity = SpanTypes.specificity(score.type());
            if (specificity == Specificity.CONTEXT || specificity == Specificity.HEURISTIC) {
                assertThat(score.recall()).as(score.type() + " recall").isGreaterThanOrEqualTo(0.6);
                assertThat(score.precision()).as(score.type() + " precision").isGreaterThanOrEqualTo(0.8);
            }
        }
    }

    @Test
    void secretsAndFinancialDataAlmostNeverLeakAndOverallLeakRateStaysLow() {
        Map<DataClass, TypeScore> classes = Evaluation.byClass(scores);
        assertThat(classes.get(DataClass.SECRET).leakRate()).isLessThanOrEqualTo(0.05);
        assertThat(classes.get(DataClass.FINANCIAL).leakRate()).isLessThanOrEqualTo(0.05);
        TypeScore all = Evaluation.overall(scores);
        assertThat(all.leakRate()).isLessThanOrEqualTo(0.15);
        assertThat(all.f2()).isGreaterThanOrEqualTo(0.85);
        assertThat(all.precision()).isGreaterThanOrEqualTo(0.95);
    }
}
