package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The third round of router candidates (bench/ROUTER.md, "Third round"): training targets that borrow the other
 * models' grades. The CSVs grade 11 models per prompt; the <em>difficulty</em> of a prompt is the share of them that
 * got it wrong, a less noisy signal than the single strong-beats-weak bit. Candidates fit the difficulty (soft-label
 * logistic regression, or ridge regression) or a blend of it with the binary label, over the features alone and over
 * features + MiniLM embedding; every one is judged as the trainer judges, by the pooled out-of-fold APGR against the
 * real strong/weak outcome (stratified 5 folds × 3 repeats, seed 20240501, train files only). It measures and asserts
 * only that the data lines up, so it is opt-in:
 * <pre>
 * mvn -q -B test -Dtest=RouterTargetsExperiment -Dhearth.routerExperiments=../shared/data/routing
 * </pre>
 * Results go to target/surefire-reports/*RouterTargetsExperiment-output.txt.
 */
class RouterTargetsExperiment {
    private static final int FOLDS = 5;
    private static final int REPEATS = 3;
    private static final long SEED = 20240501L;
    private static final Set<String> NOT_GRADES = Set.of("row_index", "sample_id", "prompt", "eval_name",
            "oracle_model_to_route_to");

    /** One candidate: its name and what it predicts for the test rows of a fold. */
    private record Spec(String name, Learner learner) {}

    private interface Learner {
        double[] fitPredict(int[] train, int[] test);
    }

    @Test
    void crossValidateTrainingTargetsThatBorrowOtherModelsGrades() throws IOException {
        String dir = System.getProperty("hearth.routerExperiments");
        assumeTrue(dir != null, "opt-in experiment: set -Dhearth.routerExperiments=DIR (the routing data) to run it");
        List<LabeledPrompt> prompts = new ArrayList<>();
        List<double[]> difficulties = new ArrayList<>();
        for (Path file : RouterBenchData.files(Path.of(dir), "_train.csv")) {
            prompts.addAll(RouterBenchData.read(file, RouterBenchData.DEFAULT_WEAK, RouterBenchData.DEFAULT_STRONG)
                    .prompts());
            difficulties.addAll(difficulty(file));
        }
        assertThat(difficulties).hasSameSizeAs(prompts);
        int n = prompts.size();
        Boilerplate boilerplate = Boilerplate.learn(prompts.stream().map(LabeledPrompt::prompt).toList());
        String[] questions = new String[n];
        double[][] features = new double[n][];
        int[] y = new int[n];
        double[] allWrong = new double[n];
        double[] othersWrong = new double[n];
        for (int i = 0; i < n; i++) {
            Boilerplate.Stripped stripped = boilerplate.strip(prompts.get(i).prompt());
            questions[i] = stripped.question();
            features[i] = PromptFeatures.of(stripped.question(), stripped.removed());
            y[i] = prompts.get(i).strongNeeded();
            allWrong[i] = difficulties.get(i)[0];
            othersWrong[i] = difficulties.get(i)[1];
        }
        float[][] embeddings = RouterCandidatesExperiment.embeddings(questions);
        double[][] combined = QualityTrainer.combined(embeddings, features);
        double[] binary = Arrays.stream(y).asDoubleStream().toArray();
        System.out.printf(Locale.ROOT, "%d prompts; mean difficulty (11 models) %.3f; correlation with the label %.3f%n",
                n, Arrays.stream(allWrong).average().orElseThrow(), correlation(allWrong, binary));

        List<Spec> specs = new ArrayList<>();
        specs.add(logistic("binary label, logistic, features, l2=0.003 (shipped)", features, binary, 0.003, 0));
        Map<String, double[]> targets = new LinkedHashMap<>();
        targets.put("difficulty (11 models)", allWrong);
        targets.put("difficulty (9 others)", othersWrong);
        for (double share : new double[] {0.25, 0.5, 0.75}) {
            targets.put(share + " × binary + " + (1 - share) + " × difficulty", blend(binary, allWrong, share));
        }
        for (Map.Entry<String, double[]> target : targets.entrySet()) {
            for (double l2 : new double[] {0.003, 0.03, 0.3}) {
                specs.add(logistic(target.getKey() + ", logistic, features, l2=" + l2, features, target.getValue(),
                        l2, 0));
            }
            specs.add(ridge(target.getKey() + ", ridge, features, l2=0.01", features, target.getValue(), 0.01, 0));
        }
        for (String name : List.of("difficulty (11 models)", "0.5 × binary + 0.5 × difficulty")) {
            double[] target = targets.get(name);
            for (double embeddingL2 : new double[] {0.03, 0.1, 0.3, 1.0, 3.0, 10.0}) {
                specs.add(ridge(name + ", ridge, embedding l2=" + embeddingL2 + " + features l2=0.01", combined,
                        target, 0.01, embeddingL2));
            }
            for (double embeddingL2 : new double[] {3.0, 30.0, 300.0}) {
                specs.add(logistic(name + ", logistic, embedding l2=" + embeddingL2 + " + features l2=0.003",
                        combined, target, 0.003, embeddingL2));
            }
        }

        System.out.println("| candidate | pooled APGR (sd) | mean per-dataset APGR | AUC |\n|---|---:|---:|---:|");
        for (Spec spec : specs) {
            double[] pooled = new double[REPEATS];
            double perDataset = 0;
            double auc = 0;
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                int[] fold = QualityTrainer.folds(prompts, y, FOLDS, SEED + repeat);
                double[] oof = new double[n];
                IntStream.range(0, FOLDS).parallel().forEach(f -> {
                    int[] train = IntStream.range(0, n).filter(i -> fold[i] != f).toArray();
                    int[] test = IntStream.range(0, n).filter(i -> fold[i] == f).toArray();
                    double[] scores = spec.learner().fitPredict(train, test);
                    for (int i = 0; i < test.length; i++) {
                        oof[test[i]] = scores[i];
                    }
                });
                double datasetSum = 0;
                int datasets = 0;
                for (RouterComparison.Row row : RouterComparison.compare(prompts, Map.of("cv", oof), 0, 0)) {
                    double apgr = row.results().getFirst().apgr();
                    if (row.set().equals(RouterComparison.POOLED)) {
                        pooled[repeat] = apgr;
                    } else {
                        datasetSum += apgr;
                        datasets++;
                    }
                }
                perDataset += datasetSum / datasets / REPEATS;
                auc += QualityTrainer.auc(oof, y) / REPEATS;
            }
            double mean = Arrays.stream(pooled).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(pooled).map(p -> (p - mean) * (p - mean)).sum() / (REPEATS - 1));
            System.out.printf(Locale.ROOT, "| %s | %.4f (%.4f) | %.4f | %.4f |%n", spec.name(), mean, sd, perDataset,
                    auc);
        }
    }

    /**
     * Per kept row of {@code file} (the rows {@link RouterBenchData} keeps: weak and strong graded), the share of the
     * graded models that got it wrong (mean of 1 − grade), over all 11 and over the 9 other than weak and strong.
     */
    private static List<double[]> difficulty(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(in);
            List<String> header = csv.next().fields();
            int weak = header.indexOf(RouterBenchData.DEFAULT_WEAK);
            int strong = header.indexOf(RouterBenchData.DEFAULT_STRONG);
            List<Integer> grades = IntStream.range(0, header.size())
                    .filter(c -> !NOT_GRADES.contains(header.get(c)) && !header.get(c).contains("|")).boxed().toList();
            assertThat(grades).hasSize(11);
            List<double[]> out = new ArrayList<>();
            for (CsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                List<String> cells = row.fields();
                if (cells.get(weak).isBlank() || cells.get(strong).isBlank()) {
                    continue;
                }
                double wrong = 0;
                double othersWrong = 0;
                int graded = 0;
                int others = 0;
                for (int c : grades) {
                    if (cells.get(c).isBlank()) {
                        continue;
                    }
                    double miss = 1 - Double.parseDouble(cells.get(c));
                    wrong += miss;
                    graded++;
                    if (c != weak && c != strong) {
                        othersWrong += miss;
                        others++;
                    }
                }
                out.add(new double[] {wrong / graded, others == 0 ? 0.5 : othersWrong / others});
            }
            return out;
        }
    }

    private static double[] blend(double[] a, double[] b, double shareOfA) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = shareOfA * a[i] + (1 - shareOfA) * b[i];
        }
        return out;
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Per-input penalties: the embedding's (all but the last nine inputs) and the features'. */
    private static double[] penalties(int inputs, double featureL2, double embeddingL2) {
        int features = PromptFeatures.NAMES.size();
        double[] l2 = new double[inputs];
        Arrays.fill(l2, 0, inputs - features, embeddingL2);
        Arrays.fill(l2, inputs - features, inputs, featureL2);
        return l2;
    }

    private static Spec logistic(String name, double[][] x, double[] target, double featureL2, double embeddingL2) {
        double[] l2 = penalties(x[0].length, featureL2, embeddingL2);
        return new Spec(name, (train, test) -> {
            double[][] trainX = new double[train.length][];
            double[] trainY = new double[train.length];
            for (int i = 0; i < train.length; i++) {
                trainX[i] = x[train[i]];
                trainY[i] = target[train[i]];
            }
            LogisticRegression.Fit fit = LogisticRegression.fit(trainX, trainY, l2);
            return Arrays.stream(test).mapToDouble(i -> QualityModel.sigmoid(fit.logit(x[i]))).toArray();
        });
    }

    /** Ridge regression on standardised inputs: minimises mean squared error + Σ l2[j]·w[j]². */
    private static Spec ridge(String name, double[][] x, double[] target, double featureL2, double embeddingL2) {
        double[] l2 = penalties(x[0].length, featureL2, embeddingL2);
        return new Spec(name, (train, test) -> {
            int d = x[0].length;
            int n = train.length;
            double[] mean = new double[d];
            double[] scale = new double[d];
            double yMean = 0;
            for (int i : train) {
                yMean += target[i] / n;
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j] / n;
                }
            }
            for (int i : train) {
                for (int j = 0; j < d; j++) {
                    scale[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / n;
                }
            }
            for (int j = 0; j < d; j++) {
                scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
            }
            double[][] gram = new double[d][d];
            double[] right = new double[d];
            double[] z = new double[d];
            for (int i : train) {
                for (int j = 0; j < d; j++) {
                    z[j] = (x[i][j] - mean[j]) / scale[j];
                }
                double centred = target[i] - yMean;
                for (int a = 0; a < d; a++) {
                    right[a] += z[a] * centred / n;
                    double za = z[a] / n;
                    for (int b = a; b < d; b++) {
                        gram[a][b] += za * z[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                gram[a][a] += l2[a];
                for (int b = 0; b < a; b++) {
                    gram[a][b] = gram[b][a];
                }
            }
            double[] beta = LogisticRegression.solveCholesky(gram, right);
            double[] scores = new double[test.length];
            for (int t = 0; t < test.length; t++) {
                double s = yMean;
                for (int j = 0; j < d; j++) {
                    s += beta[j] * (x[test[t]][j] - mean[j]) / scale[j];
                }
                scores[t] = s;
            }
            return scores;
        });
    }
}
