package dev.hearth.routing.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Compares routers on a labeled test set with RouteLLM's metrics ({@link RoutingCurve}), per dataset and pooled, with
 * a percentile-bootstrap 95% confidence interval for each APGR: prompts are resampled with replacement (within their
 * dataset, so the pooled resample keeps each dataset's size), the same resamples for every router.
 *
 * <p>Deterministic for a given seed. Stateless; {@link #compare} may run on any thread.
 */
public final class RouterComparison {
    /** The name of the pooled row. */
    public static final String POOLED = "pooled";

    private RouterComparison() {}

    /** One router's numbers on one set. */
    public record Result(String router, double apgr, double apgrLow, double apgrHigh, double cpt50, double cpt80) {}

    /** All routers' numbers on one set (a dataset, or {@link #POOLED}). */
    public record Row(String set, int prompts, double weakQuality, double strongQuality, List<Result> results) {}

    /**
     * Scores every set.
     *
     * @param prompts the labeled test prompts
     * @param routers router name to scores, aligned with {@code prompts}, in the order to report them
     * @param resamples bootstrap resamples per set (0 for no intervals)
     * @param seed the bootstrap's seed
     */
    public static List<Row> compare(List<LabeledPrompt> prompts, Map<String, double[]> routers, int resamples,
            long seed) {
        Map<String, List<Integer>> sets = new LinkedHashMap<>();
        for (String dataset : new TreeSet<>(prompts.stream().map(LabeledPrompt::dataset).toList())) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                if (prompts.get(i).dataset().equals(dataset)) {
                    members.add(i);
                }
            }
            sets.put(dataset, members);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> set : sets.entrySet()) {
            rows.add(row(set.getKey(), List.of(set.getValue()), prompts, routers, resamples, seed));
        }
        if (sets.size() > 1) {
            rows.add(row(POOLED, List.copyOf(sets.values()), prompts, routers, resamples, seed));
        }
        return rows;
    }

    private static Row row(String name, List<List<Integer>> strata, List<LabeledPrompt> prompts,
            Map<String, double[]> routers, int resamples, long seed) {
        int[] members = strata.stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
        double[][] apgrs = new double[routers.size()][];
        int r = 0;
        for (double[] scores : routers.values()) {
            apgrs[r++] = new double[resamples];
        }
        SplittableRandom random = new SplittableRandom(seed);
        int kept = 0;
        for (int b = 0; b < resamples; b++) {
            int[] sample = new int[members.length];
            int at = 0;
            for (List<Integer> stratum : strata) {
                for (int i = 0; i < stratum.size(); i++) {
                    sample[at++] = stratum.get(random.nextInt(stratum.size()));
                }
            }
            double[][] curves = curves(sample, prompts, routers);
            if (curves == null) {
                continue; // strong not better than weak on this resample: PGR undefined there
            }
            for (int k = 0; k < curves.length; k++) {
                apgrs[k][kept] = curves[k][0];
            }
            kept++;
        }
        double[][] full = curves(members, prompts, routers);
        if (full == null) {
            throw new IllegalArgumentException(name + ": the strong model is not better than the weak one");
        }
        List<Result> results = new ArrayList<>();
        r = 0;
        for (String router : routers.keySet()) {
            double[] sorted = Arrays.copyOf(apgrs[r], kept);
            Arrays.sort(sorted);
            double low = kept == 0 ? Double.NaN : sorted[(int) Math.floor(0.025 * (kept - 1))];
            double high = kept == 0 ? Double.NaN : sorted[(int) Math.ceil(0.975 * (kept - 1))];
            results.add(new Result(router, full[r][0], low, high, full[r][1], full[r][2]));
            r++;
        }
        RoutingCurve any = curve(members, prompts, routers.values().iterator().next());
        return new Row(name, members.length, any.weakQuality(), any.strongQuality(), List.copyOf(results));
    }

    /** Per router {APGR, CPT50, CPT80} on the prompts {@code sample}, or null if PGR is undefined there. */
    private static double[][] curves(int[] sample, List<LabeledPrompt> prompts, Map<String, double[]> routers) {
        double[][] out = new double[routers.size()][];
        int r = 0;
        for (double[] scores : routers.values()) {
            RoutingCurve curve;
            try {
                curve = curve(sample, prompts, scores);
            } catch (IllegalArgumentException undefined) {
                return null;
            }
            out[r++] = new double[] {curve.apgr(), curve.cpt(0.5), curve.cpt(0.8)};
        }
        return out;
    }

    private static RoutingCurve curve(int[] sample, List<LabeledPrompt> prompts, double[] scores) {
        double[] s = new double[sample.length];
        double[] weak = new double[sample.length];
        double[] strong = new double[sample.length];
        for (int i = 0; i < sample.length; i++) {
            s[i] = scores[sample[i]];
            weak[i] = prompts.get(sample[i]).weakQuality();
            strong[i] = prompts.get(sample[i]).strongQuality();
        }
        return RoutingCurve.of(s, weak, strong);
    }

    /** The rows as a Markdown table: one line per set and router. */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| set | n | weak / strong acc. | router | APGR | 95% CI | CPT(50%) | CPT(80%) |\n");
        out.append("|---|---:|---|---|---:|---|---:|---:|\n");
        for (Row row : rows) {
            boolean first = true;
            for (Result result : row.results()) {
                String set = first ? row.set() : "";
                String n = first ? Integer.toString(row.prompts()) : "";
                String accuracy = first
                        ? String.format(Locale.ROOT, "%.3f / %.3f", row.weakQuality(), row.strongQuality()) : "";
                // A router that ties every prompt (the random row) has no sampling spread worth printing.
                String interval = Double.isNaN(result.apgrLow()) || result.apgrHigh() - result.apgrLow() < 1e-9
                        ? "—" : String.format(Locale.ROOT, "[%.3f, %.3f]", result.apgrLow(), result.apgrHigh());
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %s | %.1f%% | %.1f%% |\n", set,
                        n, accuracy, result.router(), result.apgr(), interval, 100 * result.cpt50(),
                        100 * result.cpt80()));
                first = false;
            }
        }
        return out.toString();
    }
}
