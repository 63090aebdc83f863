package dev.hearth.routing.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains the quality model on labeled prompts, choosing the learner by cross-validation on those prompts only.
 *
 * <p><b>Label.</b> {@link LabeledPrompt#strongNeeded()}: 1 when the strong model's grade beats the weak one's. Prompts
 * both models fail are 0 on purpose: escalating them costs money and buys nothing. (Alternatives: "the weak model is
 * wrong", which also escalates hopeless prompts; or a soft label such as {@code strong − weak} regressed directly.)
 *
 * <p><b>Selection.</b> Candidates are L2 logistic regressions over embedding + features at several penalties, the same
 * over the features alone, and k-NN over embeddings (mean label of the k most cosine-similar training prompts). Each
 * is scored by its out-of-fold predictions in stratified k-fold cross-validation (strata: dataset × label), repeated
 * with different shuffles; the criterion is the pooled APGR of the out-of-fold scores, averaged over repeats. The
 * winner is refitted on all prompts. Everything is deterministic for a given seed.
 *
 * <p>Only logistic candidates can be written as {@link QualityWeights}; k-NN is measured to justify the choice
 * (shipping it would mean shipping every training embedding).
 *
 * <p>Stateless; {@link #train} blocks for minutes (it embeds every prompt, then fits a few hundred models) and runs the
 * folds of each candidate on the common fork-join pool, so the embedder must be thread-safe.
 */
public final class QualityTrainer {
    private QualityTrainer() {}

    /** Cross-validation settings and the candidates' grids. */
    public record Options(long seed, int folds, int repeats, List<Double> featureL2Grid,
            List<Double> embeddingL2Grid, List<Integer> kGrid) {
        public Options {
            featureL2Grid = List.copyOf(featureL2Grid);
            embeddingL2Grid = List.copyOf(embeddingL2Grid);
            kGrid = List.copyOf(kGrid);
            if (folds < 2 || repeats < 1) {
                throw new IllegalArgumentException("need at least 2 folds and 1 repeat");
            }
        }

        /** 5 folds × 3 repeats, seed 20240501, the penalty and k grids the shipped model was chosen from. */
        public static Options defaults() {
            return new Options(20240501L, 5, 3, List.of(0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0),
                    List.of(1.0, 3.0, 10.0, 30.0, 100.0, 300.0), List.of(10, 25, 50, 100, 200));
        }
    }

    /** What a candidate learns to predict; both are measured, see the class comment. */
    public enum Label {
        /** The strong model's grade beats the weak one's ({@link LabeledPrompt#strongNeeded()}). */
        STRONG_NEEDED,
        /** The weak model's grade is below 1, whatever the strong model does. */
        WEAK_WRONG
    }

    /**
     * One candidate's cross-validated numbers (means over repeats). AUC and the Brier score are for the strong-needed
     * label; the Brier score (mean squared error of the score read as a probability; lower is better) checks that a
     * score means what it says, which ranking metrics such as APGR and AUC cannot see.
     */
    public record Candidate(String name, boolean shippable, double pooledApgr, double pooledApgrSd,
            double meanDatasetApgr, double auc, double brier) {}

    /** The fitted weights, every candidate's numbers, and the chosen one. */
    public record Result(QualityWeights weights, List<Candidate> candidates, Candidate chosen) {}

    /** The inputs the learners see, computed once: embeddings, features, both, and each label. */
    private record Examples(float[][] embeddings, double[][] features, double[][] combined, int[] strongNeeded,
            int[] weakWrong, List<LabeledPrompt> prompts) {
        int[] labels(Label label) {
            return label == Label.STRONG_NEEDED ? strongNeeded : weakWrong;
        }
    }

    /** A learner under cross-validation: fits on {@code train}, scores {@code test}. */
    private interface Learner {
        double[] fitPredict(Examples data, int[] train, int[] test);
    }

    /** A candidate; {@code embeddingL2} is 0 when the embedding is not an input. */
    private record Spec(String name, boolean shippable, Label label, double featureL2, double embeddingL2,
            Learner learner) {}

    /**
     * Trains on {@code prompts}.
     *
     * @param notes provenance written into the weights file (data files, command)
     * @param progress receives one line per stage, for the command's standard error
     */
    public static Result train(List<LabeledPrompt> prompts, PromptEmbedder embedder, String embeddingModel,
            String weak, String strong, List<String> notes, Options options, Consumer<String> progress) {
        Objects.requireNonNull(embedder, "embedder");
        if (prompts.size() < options.folds() * 2) {
            throw new IllegalArgumentException("need at least " + options.folds() * 2 + " prompts, got "
                    + prompts.size());
        }
        Boilerplate boilerplate = Boilerplate.learn(prompts.stream().map(LabeledPrompt::prompt).toList());
        progress.accept("boilerplate: " + boilerplate.blocks().size() + " recurring blocks removed before embedding");
        Examples data = examples(prompts, boilerplate, embedder, progress);
        double baseRate = (double) Arrays.stream(data.strongNeeded()).sum() / prompts.size();
        progress.accept(String.format(java.util.Locale.ROOT,
                "base rate %.4f; a constant score at the base rate has Brier %.4f", baseRate,
                baseRate * (1 - baseRate)));

        List<Spec> specs = new ArrayList<>();
        for (Label label : Label.values()) {
            String suffix = label == Label.STRONG_NEEDED ? "" : ", label weak-wrong";
            for (double l2 : options.featureL2Grid()) {
                specs.add(logisticSpec("logistic, features only, l2=" + l2 + suffix, label, l2, 0));
            }
            for (double embeddingL2 : options.embeddingL2Grid()) {
                for (double featureL2 : List.of(0.003, 0.03)) {
                    specs.add(logisticSpec("logistic, embedding l2=" + embeddingL2 + " + features l2=" + featureL2
                            + suffix, label, featureL2, embeddingL2));
                }
            }
        }
        for (int k : options.kGrid()) {
            specs.add(new Spec("k-NN over embeddings, k=" + k, false, Label.STRONG_NEEDED, 0, 0,
                    (d, train, test) -> knn(d, k, train, test)));
        }
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        Spec bestSpec = null;
        for (Spec spec : specs) {
            Candidate candidate = crossValidate(spec, data, options);
            candidates.add(candidate);
            progress.accept(String.format(java.util.Locale.ROOT, "cv %-70s pooled APGR %.4f (sd %.4f)  dataset APGR %.4f  AUC %.4f  Brier %.4f",
                    spec.name(), candidate.pooledApgr(), candidate.pooledApgrSd(), candidate.meanDatasetApgr(), candidate.auc(),
                    candidate.brier()));
            // Strictly better only: on a tie the earlier (logistic, stronger penalty listed later) stays.
            if (best == null || candidate.pooledApgr() > best.pooledApgr()) {
                best = candidate;
                bestSpec = spec;
            }
        }
        Spec shipped = bestSpec;
        Candidate chosen = best;
        if (!bestSpec.shippable()) {
            // Refit the best logistic candidate instead, and say so: the file format holds only linear weights.
            chosen = candidates.stream().filter(Candidate::shippable)
                    .max((a, b) -> Double.compare(a.pooledApgr(), b.pooledApgr())).orElseThrow();
            String name = chosen.name();
            shipped = specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            progress.accept("best overall is " + best.name() + " (not shippable); shipping " + name);
        }
        progress.accept("chosen: " + chosen.name());
        int[] all = IntStream.range(0, prompts.size()).toArray();
        int dimension = data.embeddings()[0].length;
        boolean withEmbedding = shipped.embeddingL2() > 0;
        LogisticRegression.Fit fit = LogisticRegression.fit(withEmbedding ? data.combined() : data.features(),
                data.labels(shipped.label()), penalties(shipped, dimension));
        double[] embeddingWeights = new double[dimension];
        double[] featureWeights;
        if (withEmbedding) {
            System.arraycopy(fit.weights(), 0, embeddingWeights, 0, dimension);
            featureWeights = Arrays.copyOfRange(fit.weights(), dimension, fit.weights().length);
        } else {
            featureWeights = fit.weights();
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.add(String.format(java.util.Locale.ROOT,
                "model: %s; %d prompts, %.1f%% labelled strong-needed; cross-validated pooled APGR %.4f",
                chosen.name(), all.length, 100.0 * Arrays.stream(data.strongNeeded()).sum() / all.length,
                chosen.pooledApgr()));
        double[][] range = featureRange(data.features());
        QualityWeights weights = new QualityWeights(allNotes, embeddingModel, weak, strong, fit.bias(),
                featureWeights, embeddingWeights, boilerplate, range[0], range[1]);
        return new Result(weights, List.copyOf(candidates), chosen);
    }

    /** The minimum (row 0) and maximum (row 1) of each feature over the training prompts, for clamping. */
    static double[][] featureRange(double[][] features) {
        int d = features[0].length;
        double[][] range = new double[2][d];
        Arrays.fill(range[0], Double.POSITIVE_INFINITY);
        Arrays.fill(range[1], Double.NEGATIVE_INFINITY);
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                range[0][j] = Math.min(range[0][j], row[j]);
                range[1][j] = Math.max(range[1][j], row[j]);
            }
        }
        return range;
    }

    private static Examples examples(List<LabeledPrompt> prompts, Boilerplate boilerplate, PromptEmbedder embedder,
            Consumer<String> progress) {
        int n = prompts.size();
        float[][] embeddings = new float[n][];
        double[][] features = new double[n][];
        int[] strongNeeded = new int[n];
        int[] weakWrong = new int[n];
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Boilerplate.Stripped stripped = boilerplate.strip(prompts.get(i).prompt());
            embeddings[i] = embedder.embed(stripped.question());
            features[i] = PromptFeatures.of(stripped.question(), stripped.removed());
            strongNeeded[i] = prompts.get(i).strongNeeded();
            weakWrong[i] = prompts.get(i).weakQuality() < 1 ? 1 : 0;
            if ((i + 1) % 500 == 0 || i + 1 == n) {
                progress.accept("embedded " + (i + 1) + "/" + n + " prompts in "
                        + (System.nanoTime() - started) / 1_000_000_000 + " s");
            }
        }
        return new Examples(embeddings, features, combined(embeddings, features), strongNeeded, weakWrong, prompts);
    }

    /** Each prompt's embedding followed by its features: the input rows of a model that reads both. */
    static double[][] combined(float[][] embeddings, double[][] features) {
        double[][] combined = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            double[] row = new double[embeddings[i].length + features[i].length];
            for (int j = 0; j < embeddings[i].length; j++) {
                row[j] = embeddings[i][j];
            }
            System.arraycopy(features[i], 0, row, embeddings[i].length, features[i].length);
            combined[i] = row;
        }
        return combined;
    }

    private static Candidate crossValidate(Spec spec, Examples data, Options options) {
        int n = data.prompts().size();
        double pooled = 0;
        double pooledSquares = 0;
        double perDataset = 0;
        double auc = 0;
        double brier = 0;
        for (int repeat = 0; repeat < options.repeats(); repeat++) {
            int[] fold = folds(data, options.folds(), options.seed() + repeat);
            double[] oof = new double[n];
            IntStream.range(0, options.folds()).parallel().forEach(f -> {
                int[] train = IntStream.range(0, n).filter(i -> fold[i] != f).toArray();
                int[] test = IntStream.range(0, n).filter(i -> fold[i] == f).toArray();
                double[] scores = spec.learner().fitPredict(data, train, test);
                for (int i = 0; i < test.length; i++) {
                    oof[test[i]] = scores[i];
                }
            });
            List<RouterComparison.Row> rows = RouterComparison.compare(data.prompts(), java.util.Map.of("cv", oof), 0,
                    0);
            double datasetSum = 0;
            int datasets = 0;
            for (RouterComparison.Row row : rows) {
                double apgr = row.results().getFirst().apgr();
                if (row.set().equals(RouterComparison.POOLED) || rows.size() == 1) {
                    pooled += apgr;
                    pooledSquares += apgr * apgr;
                }
                if (!row.set().equals(RouterComparison.POOLED)) {
                    datasetSum += apgr;
                    datasets++;
                }
            }
            perDataset += datasetSum / datasets;
            auc += auc(oof, data.strongNeeded());
            brier += brier(oof, data.strongNeeded());
        }
        int r = options.repeats();
        double mean = pooled / r;
        double sd = r > 1 ? Math.sqrt(Math.max(0, (pooledSquares - r * mean * mean) / (r - 1))) : Double.NaN;
        return new Candidate(spec.name(), spec.shippable(), mean, sd, perDataset / r, auc / r, brier / r);
    }

    private static int[] folds(Examples data, int folds, long seed) {
        return folds(data.prompts(), data.strongNeeded(), folds, seed);
    }

    /** Fold of each prompt: within each dataset × label stratum, a seeded shuffle dealt round-robin. */
    static int[] folds(List<LabeledPrompt> prompts, int[] labels, int folds, long seed) {
        TreeMap<String, List<Integer>> strata = new TreeMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            strata.computeIfAbsent(prompts.get(i).dataset() + "\u0000" + labels[i], key -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[prompts.size()];
        int dealt = 0;
        for (List<Integer> stratum : strata.values()) {
            for (int i = stratum.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer swap = stratum.get(i);
                stratum.set(i, stratum.get(j));
                stratum.set(j, swap);
            }
            for (int index : stratum) {
                fold[index] = dealt++ % folds;
            }
        }
        return fold;
    }

    private static Spec logisticSpec(String name, Label label, double featureL2, double embeddingL2) {
        return new Spec(name, true, label, featureL2, embeddingL2, (d, train, test) -> {
            double[][] x = embeddingL2 > 0 ? d.combined() : d.features();
            int dimension = d.embeddings()[0].length;
            return logistic(x, d.labels(label), penaltiesFor(featureL2, embeddingL2, dimension), train, test);
        });
    }

    private static double[] penalties(Spec spec, int dimension) {
        return penaltiesFor(spec.featureL2(), spec.embeddingL2(), dimension);
    }

    /** Per-input penalties: the embedding's inputs first (if any), then the features'. */
    private static double[] penaltiesFor(double featureL2, double embeddingL2, int dimension) {
        int features = PromptFeatures.NAMES.size();
        double[] l2 = new double[(embeddingL2 > 0 ? dimension : 0) + features];
        Arrays.fill(l2, 0, l2.length - features, embeddingL2);
        Arrays.fill(l2, l2.length - features, l2.length, featureL2);
        return l2;
    }

    private static double[] logistic(double[][] x, int[] y, double[] l2, int[] train, int[] test) {
        double[][] trainX = new double[train.length][];
        int[] trainY = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            trainX[i] = x[train[i]];
            trainY[i] = y[train[i]];
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(trainX, trainY, l2);
        double[] scores = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            scores[i] = QualityModel.sigmoid(fit.logit(x[test[i]]));
        }
        return scores;
    }

    /** Mean label of the {@code k} training prompts most cosine-similar (vectors are unit length: dot product). */
    private static double[] knn(Examples data, int k, int[] train, int[] test) {
        double[] scores = new double[test.length];
        double[] similarity = new double[train.length];
        Integer[] order = new Integer[train.length];
        for (int t = 0; t < test.length; t++) {
            float[] query = data.embeddings()[test[t]];
            for (int i = 0; i < train.length; i++) {
                float[] other = data.embeddings()[train[i]];
                double dot = 0;
                for (int j = 0; j < query.length; j++) {
                    dot += query[j] * other[j];
                }
                similarity[i] = dot;
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> a.equals(b) ? 0
                    : similarity[a] != similarity[b] ? Double.compare(similarity[b], similarity[a])
                    : Integer.compare(a, b));
            int neighbours = Math.min(k, train.length);
            double sum = 0;
            for (int i = 0; i < neighbours; i++) {
                sum += data.strongNeeded()[train[order[i]]];
            }
            scores[t] = sum / neighbours;
        }
        return scores;
    }

    /**
     * The Brier score of {@code scores} read as probabilities of {@code labels}: the mean of (score − label)². A
     * constant score at the base rate b earns b(1 − b); a calibrated, informative score earns less.
     */
    static double brier(double[] scores, int[] labels) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double error = scores[i] - labels[i];
            sum += error * error;
        }
        return sum / scores.length;
    }

    /** Area under the ROC curve of {@code scores} for {@code labels}, ties counted half. */
    static double auc(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            double midRank = (start + end + 1) / 2.0; // 1-based average rank of the tie group
            for (int i = start; i < end; i++) {
                if (labels[order[i]] == 1) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
