package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-computable curves. The set: 10 prompts; the strong model alone gets prompts 0–2 right that the weak one gets
 * wrong (gain 0.3 over weak quality 0.5), the other seven are graded alike.
 */
class RoutingCurveTest {
    private static final double[] WEAK = {0, 0, 0, 1, 1, 1, 1, 1, 0, 0};
    private static final double[] STRONG = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};

    @Test
    void theOracleRecoversTheWholeGapWithThirtyPercentStrongCalls() {
        // PGR at 0,10,...,100%: 0, 1/3, 2/3, 1, 1, ..., 1 → APGR = 0.1 × (1/6 + 1/2 + 5/6 + 7) = 0.85.
        RoutingCurve curve = RoutingCurve.of(new double[] {9, 8, 7, 1, 1, 1, 1, 1, 1, 1}, WEAK, STRONG);
        assertThat(curve.weakQuality()).isEqualTo(0.5);
        assertThat(curve.strongQuality()).isEqualTo(0.8);
        assertThat(curve.pgr(1)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(curve.pgr(3)).isCloseTo(1, within(1e-12));
        assertThat(curve.apgr()).isCloseTo(0.85, within(1e-12));
        assertThat(curve.cpt(0.5)).isCloseTo(0.15, within(1e-12));
        assertThat(curve.cpt(0.8)).isCloseTo(0.24, within(1e-12));
    }

    @Test
    void theInverseRouterIsTheOracleMirrored() {
        // PGR: 0 up to 70%, then 1/3, 2/3, 1 → APGR = 0.1 × (1/6 + 1/2 + 5/6) = 0.15.
        RoutingCurve curve = RoutingCurve.of(new double[] {0, 0, 0, 5, 5, 5, 5, 5, 5, 5}, WEAK, STRONG);
        assertThat(curve.apgr()).isCloseTo(0.15, within(1e-12));
        assertThat(curve.cpt(0.5)).isCloseTo(0.85, within(1e-12));
        assertThat(curve.cpt(0.8)).isCloseTo(0.94, within(1e-12));
    }

    @Test
    void aRouterThatTiesEverythingIsTheRandomRoutersExpectation() {
        RoutingCurve curve = RoutingCurve.of(new double[10], WEAK, STRONG);
        for (int step = 0; step <= RoutingCurve.STEPS; step++) {
            assertThat(curve.pgr(step)).isCloseTo(step / 10.0, within(1e-12));
        }
        assertThat(curve.apgr()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.cpt(0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(curve.cpt(0.8)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void promptsTiedAtTheThresholdAreRoutedInProportion() {
        // Prompts 0 and 3 tie at the top: at 10% strong calls each goes strong with probability 1/2, gaining 0.5.
        RoutingCurve curve = RoutingCurve.of(new double[] {1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, WEAK, STRONG);
        assertThat(curve.quality(1)).isCloseTo(0.5 + 0.5 / 10, within(1e-12));
        assertThat(curve.quality(2)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void pgrCanExceedOneWhenSomePromptsOnlyTheWeakModelGetsRight() {
        double[] weak = {0, 1};
        double[] strong = {1, 0.5};
        RoutingCurve curve = RoutingCurve.of(new double[] {1, 0}, weak, strong);
        assertThat(curve.pgr(5)).isCloseTo(2, within(1e-12)); // half the calls: the right half
        assertThat(curve.pgr(10)).isCloseTo(1, within(1e-12));
    }

    @Test
    void aSetWhereTheStrongModelIsNoBetterHasNoPgr() {
        assertThatThrownBy(() -> RoutingCurve.of(new double[2], new double[] {1, 0}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PGR is undefined");
    }

    @Test
    void scoresAndGradesMustAlign() {
        assertThatThrownBy(() -> RoutingCurve.of(new double[3], WEAK, STRONG))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
