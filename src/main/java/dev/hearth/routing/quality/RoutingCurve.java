package dev.hearth.routing.quality;

import java.util.Arrays;
import java.util.Comparator;

/**
 * RouteLLM's quality-versus-cost curve of one router on one labeled set, and the numbers read off it.
 *
 * <p>A router scores every prompt; the prompts with the highest scores go to the strong model. The curve has a point
 * at every 10% of strong calls, 0% to 100%: the point at share {@code p} sends the {@code p·n} highest-scoring prompts
 * to the strong model, which is thresholding at the {@code (1 − p)} score quantile. Prompts tied at the threshold are
 * sent to the strong model in proportion (the expected value of breaking the tie at random), so every point sits at
 * exactly its nominal share and a router that scores everything alike traces the random router's straight line.
 *
 * <ul>
 *   <li>quality at a point: the mean grade when each prompt gets its routed model's grade;
 *   <li>PGR (performance gap recovered): {@code (quality − weak quality) / (strong quality − weak quality)}, 0 at 0%
 *       strong calls, 1 at 100%, possibly above 1 in between (prompts only the weak model gets right);
 *   <li>APGR: the area under PGR over 0–100% strong calls by the trapezoid rule (random ≈ 0.5, higher is better);
 *   <li>CPT(x): the share of strong calls at which PGR first reaches {@code x}, interpolated linearly between points
 *       (lower is better).
 * </ul>
 *
 * <p>Failures: {@link IllegalArgumentException} for arrays of different lengths, an empty set, or a set on which the
 * strong model is not better than the weak one on average (PGR is then undefined). Immutable and thread-safe.
 */
public final class RoutingCurve {
    /** Points are at 0, 1/STEPS, ..., 1 of strong calls. */
    public static final int STEPS = 10;

    private final double weakQuality;
    private final double strongQuality;
    private final double[] quality = new double[STEPS + 1];

    private RoutingCurve(double weakQuality, double strongQuality) {
        this.weakQuality = weakQuality;
        this.strongQuality = strongQuality;
    }

    /** The curve of a router that gave {@code scores[i]} to the prompt graded {@code weak[i]} and {@code strong[i]}. */
    public static RoutingCurve of(double[] scores, double[] weak, double[] strong) {
        int n = scores.length;
        if (n == 0 || weak.length != n || strong.length != n) {
            throw new IllegalArgumentException("need as many scores as grades, and at least one: " + n + ", "
                    + weak.length + ", " + strong.length);
        }
        double weakMean = mean(weak);
        double strongMean = mean(strong);
        if (!(strongMean > weakMean)) {
            throw new IllegalArgumentException("the strong model is not better than the weak one on this set ("
                    + strongMean + " vs " + weakMean + "): PGR is undefined");
        }
        RoutingCurve curve = new RoutingCurve(weakMean, strongMean);
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        for (int step = 0; step <= STEPS; step++) {
            double strongCalls = (double) step * n / STEPS;
            double gain = 0; // sum over prompts of P(routed strong) · (strong − weak)
            int taken = 0;
            for (int start = 0; start < n && taken < strongCalls; ) {
                int end = start;
                double groupGain = 0;
                while (end < n && scores[order[end]] == scores[order[start]]) {
                    groupGain += strong[order[end]] - weak[order[end]];
                    end++;
                }
                int size = end - start;
                double fraction = Math.min(1, (strongCalls - taken) / size);
                gain += fraction * groupGain;
                taken += size;
                start = end;
            }
            curve.quality[step] = weakMean + gain / n;
        }
        return curve;
    }

    /** Mean grade of the weak model alone. */
    public double weakQuality() {
        return weakQuality;
    }

    /** Mean grade of the strong model alone. */
    public double strongQuality() {
        return strongQuality;
    }

    /** Mean grade at {@code step}/{@link #STEPS} strong calls. */
    public double quality(int step) {
        return quality[step];
    }

    /** PGR at {@code step}/{@link #STEPS} strong calls. */
    public double pgr(int step) {
        return (quality[step] - weakQuality) / (strongQuality - weakQuality);
    }

    /** The area under the PGR curve over 0–100% strong calls (trapezoid rule). */
    public double apgr() {
        double area = 0;
        for (int step = 0; step < STEPS; step++) {
            area += (pgr(step) + pgr(step + 1)) / 2 / STEPS;
        }
        return area;
    }

    /** The share of strong calls (0–1) needed to reach PGR {@code target} (in [0, 1]), by linear interpolation. */
    public double cpt(double target) {
        if (target <= 0) {
            return 0;
        }
        for (int step = 1; step <= STEPS; step++) {
            double before = pgr(step - 1);
            double after = pgr(step);
            if (after >= target) {
                double within = before >= target ? 0 : (target - before) / (after - before);
                return (step - 1 + within) / STEPS;
            }
        }
        return 1; // unreachable for target <= 1: PGR is 1 at 100% strong calls
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
