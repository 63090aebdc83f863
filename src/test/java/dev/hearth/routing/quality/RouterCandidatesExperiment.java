package dev.hearth.routing.quality;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.provider.embedded.MiniLmEmbeddingEngine;
import dev.hearth.provider.embedded.MiniLmPromptEmbedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The second round of router candidates (bench/ROUTER.md, "What else was tried"), cross-validated on the training
 * files exactly like {@link QualityTrainer} (stratified 5 folds × 3 repeats, seed 20240501, pooled APGR): extra
 * prompt features, distance-weighted k-NN over the MiniLM embedding, blends of k-NN with the shipped logistic model,
 * and a reliability table of the shipped model's out-of-fold scores. It measures; it asserts nothing, so it is opt-in:
 * <pre>
 * JAVA_HOME=... mvn -o -q -B clean test -Dtest=RouterCandidatesExperiment -Dhearth.routerExperiments=../shared/data/routing
 * </pre>
 * Results go to target/surefire-reports/*RouterCandidatesExperiment-output.txt; embeddings are cached in
 * target/router-embeddings.bin (recomputed after {@code clean}, 25–60 s).
 */
class RouterCandidatesExperiment {
    private static final int FOLDS = 5;
    private static final int REPEATS = 3;
    private static final long SEED = 20240501L;
    private static final double FEATURE_L2 = 0.003;

    // Candidate extra features: tried and measured, not shipped (they lowered the cross-validated APGR).
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(not|no|never|none|except|least|false|incorrect|cannot|isn't|doesn't|don't)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REASONING = Pattern.compile(
            "\\b(why|explain|calculate|compute|prove|derive|estimate|how many|how much|steps?|if|then|because"
                    + "|therefore|most likely|best|compare|difference|given)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

    @Test
    void crossValidateTheSecondRoundOfCandidates() throws IOException {
        String dir = System.getProperty("hearth.routerExperiments");
        assumeTrue(dir != null, "opt-in experiment: set -Dhearth.routerExperiments=DIR (the routing data) to run it");
        List<LabeledPrompt> prompts = new ArrayList<>();
        for (Path file : RouterBenchData.files(Path.of(dir), "_train.csv")) {
            prompts.addAll(RouterBenchData.read(file, RouterBenchData.DEFAULT_WEAK, RouterBenchData.DEFAULT_STRONG)
                    .prompts());
        }
        int n = prompts.size();
        Boilerplate boilerplate = Boilerplate.learn(prompts.stream().map(LabeledPrompt::prompt).toList());
        String[] questions = new String[n];
        double[][] features = new double[n][];
        double[][] extended = new double[n][];
        double[][] twoExtra = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            Boilerplate.Stripped stripped = boilerplate.strip(prompts.get(i).prompt());
            questions[i] = stripped.question();
            features[i] = PromptFeatures.of(stripped.question(), stripped.removed());
            double[] extra = extraFeatures(stripped.question());
            extended[i] = concat(features[i], extra);
            twoExtra[i] = concat(features[i], new double[] {extra[1], extra[2]});
            y[i] = prompts.get(i).strongNeeded();
        }
        float[][] embeddings = embeddings(questions);
        double[][] similarity = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < embeddings[i].length; k++) {
                    dot += embeddings[i][k] * embeddings[j][k];
                }
                similarity[i][j] = dot;
            }
        });

        Map<String, double[]> totals = new LinkedHashMap<>();
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            int[] fold = QualityTrainer.folds(prompts, y, FOLDS, SEED + repeat);
            Map<String, double[]> oof = new LinkedHashMap<>();
            for (int f = 0; f < FOLDS; f++) {
                int held = f;
                int[] train = IntStream.range(0, n).filter(i -> fold[i] != held).toArray();
                int[] test = IntStream.range(0, n).filter(i -> fold[i] == held).toArray();
                double[] shipped = logistic(features, y, train, test);
                put(oof, "features (shipped set), logistic l2=0.003", test, shipped, n);
                put(oof, "features + 6 extra (numbers, negation, reasoning cues, word length, capitals, sentences)",
                        test, logistic(extended, y, train, test), n);
                put(oof, "features + 2 extra (negation, reasoning cues)", test, logistic(twoExtra, y, train, test), n);
                for (int k : new int[] {10, 25, 50, 100, 200}) {
                    for (double temperature : new double[] {0, 0.05, 0.02}) {
                        double[] knn = new double[test.length];
                        for (int t = 0; t < test.length; t++) {
                            knn[t] = knn(similarity[test[t]], train, y, k, temperature);
                        }
                        String name = "k-NN k=" + k + (temperature == 0 ? ", uniform"
                                : ", weights exp((cos-1)/" + temperature + ")");
                        put(oof, name, test, knn, n);
                        for (double share : new double[] {0.25, 0.5}) {
                            double[] blend = new double[test.length];
                            for (int t = 0; t < test.length; t++) {
                                blend[t] = (1 - share) * shipped[t] + share * knn[t];
                            }
                            put(oof, "blend " + (1 - share) + " × logistic + " + share + " × " + name, test, blend, n);
                        }
                    }
                }
            }
            for (Map.Entry<String, double[]> e : oof.entrySet()) {
                double[] total = totals.computeIfAbsent(e.getKey(), key -> new double[3]);
                for (RouterComparison.Row row : RouterComparison.compare(prompts, Map.of("cv", e.getValue()), 0, 0)) {
                    if (row.set().equals(RouterComparison.POOLED)) {
                        total[0] += row.results().getFirst().apgr() / REPEATS;
                    }
                }
                total[1] += QualityTrainer.auc(e.getValue(), y) / REPEATS;
                total[2] += QualityTrainer.brier(e.getValue(), y) / REPEATS;
                if (e.getKey().startsWith("features (shipped")) {
                    System.out.println("reliability, repeat " + repeat + ": " + reliability(e.getValue(), y));
                }
            }
        }
        System.out.println("| candidate | pooled APGR | AUC | Brier |\n|---|---:|---:|---:|");
        totals.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
                .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1], e.getValue()[2]));
    }

    private static double[] extraFeatures(String question) {
        int letters = 0;
        int uppercase = 0;
        int words = question.isBlank() ? 0 : question.trim().split("\\s+").length;
        for (int i = 0; i < question.length(); i++) {
            char c = question.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                uppercase += Character.isUpperCase(c) ? 1 : 0;
            }
        }
        return new double[] {
            Math.log1p(NUMBER.matcher(question).results().count()),
            NEGATION.matcher(question).find() ? 1 : 0,
            REASONING.matcher(question).find() ? 1 : 0,
            words == 0 ? 0 : Math.log1p((double) letters / words),
            letters == 0 ? 0 : (double) uppercase / letters,
            Math.log1p(SENTENCE_END.matcher(question).results().count()),
        };
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static float[][] embeddings(String[] questions) throws IOException {
        Path cache = Path.of("target", "router-embeddings.bin");
        int dimension = MiniLmEmbeddingEngine.DIMENSION;
        float[][] out = new float[questions.length][dimension];
        Files.createDirectories(cache.getParent());
        if (Files.exists(cache)
                && Files.size(cache) == (long) questions.length * dimension * Float.BYTES) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
                for (float[] row : out) {
                    for (int j = 0; j < dimension; j++) {
                        row[j] = in.readFloat();
                    }
                }
            }
            return out;
        }
        try (MiniLmEmbeddingEngine engine = new MiniLmEmbeddingEngine()) {
            PromptEmbedder embedder = new MiniLmPromptEmbedder(engine);
            for (int i = 0; i < questions.length; i++) {
                out[i] = embedder.embed(questions[i]);
            }
        }
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
            for (float[] row : out) {
                for (float value : row) {
                    data.writeFloat(value);
                }
            }
        }
        return out;
    }

    private static double[] logistic(double[][] x, int[] y, int[] train, int[] test) {
        double[][] trainX = new double[train.length][];
        int[] trainY = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            trainX[i] = x[train[i]];
            trainY[i] = y[train[i]];
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(trainX, trainY, FEATURE_L2);
        double[] scores = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            scores[i] = QualityModel.sigmoid(fit.logit(x[test[i]]));
        }
        return scores;
    }

    /** Weighted mean label of the k most similar training prompts; temperature 0 means equal weights. */
    private static double knn(double[] similarity, int[] train, int[] y, int k, double temperature) {
        Integer[] order = new Integer[train.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> similarity[train[a]] != similarity[train[b]]
                ? Double.compare(similarity[train[b]], similarity[train[a]]) : Integer.compare(a, b));
        double weighted = 0;
        double weights = 0;
        for (int i = 0; i < Math.min(k, train.length); i++) {
            int j = train[order[i]];
            double w = temperature == 0 ? 1 : Math.exp((similarity[j] - 1) / temperature);
            weighted += w * y[j];
            weights += w;
        }
        return weighted / weights;
    }

    /** Mean score / observed rate in each score decile. */
    private static String reliability(double[] scores, int[] y) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        int[] count = new int[10];
        double[] predicted = new double[10];
        double[] observed = new double[10];
        for (int rank = 0; rank < order.length; rank++) {
            int bin = rank * 10 / order.length;
            count[bin]++;
            predicted[bin] += scores[order[rank]];
            observed[bin] += y[order[rank]];
        }
        StringBuilder out = new StringBuilder();
        for (int bin = 0; bin < 10; bin++) {
            out.append(String.format(Locale.ROOT, "%.3f/%.3f ", predicted[bin] / count[bin], observed[bin] / count[bin]));
        }
        return out.toString().trim();
    }

    private static void put(Map<String, double[]> oof, String name, int[] test, double[] scores, int n) {
        double[] all = oof.computeIfAbsent(name, key -> new double[n]);
        for (int i = 0; i < test.length; i++) {
            all[test[i]] = scores[i];
        }
    }
}
