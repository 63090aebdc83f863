package dev.hearth.routing.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The learned part of a {@link QualityModel}: a logistic regression over the prompt's embedding and its
 * {@link PromptFeatures}, and the {@link Boilerplate} blocks removed before embedding. Immutable and thread-safe.
 *
 * <p><b>File format</b> ({@value #FORMAT}), UTF-8 text meant to be read by people and diffed in review. One entry per
 * line, a key and its value separated by one space; lines starting with {@code #} and blank lines are ignored:
 * <pre>
 * format hearth-quality-model/1
 * note Trained on ...                    (any number; free text kept with the model)
 * embedding-model all-minilm-l6-v2       (the model whose vectors the weights expect)
 * weak mistralai/mistral-7b-chat         (the grade columns the labels came from)
 * strong gpt-4-1106-preview
 * bias -0.83
 * feature log-chars 0.0123               (one per feature, in PromptFeatures order, on raw feature values)
 * feature-range log-chars 2.1 8.9        (optional, one per feature: the training set's min and max)
 * embedding 0.0301 -0.1177 ...           (the embedding weights, any number per line, 384 in all)
 * boilerplate Please answer with ...     (one block per line; \\ \n \r \t escaped)
 * </pre>
 * The score is {@code sigmoid(bias + Σ feature·weight + Σ embedding·weight)}; standardisation used while training is
 * folded into these weights, so they apply to raw inputs. When the file has {@code feature-range} lines, each feature
 * is first clamped to its range: a linear model extrapolates without limit, so a prompt unlike any training prompt
 * (a short arithmetic question has a digit share no benchmark prompt had) would otherwise get an extreme score from
 * one weight. Files without them (written before ranges existed) score unclamped.
 *
 * <p>Failures: {@link #read} throws {@link IllegalArgumentException} naming the line for an unknown key, a bad number,
 * a feature list that is not this version's, or a missing entry.
 */
public final class QualityWeights {
    static final String FORMAT = "hearth-quality-model/1";
    private static final int VALUES_PER_LINE = 8;

    private final List<String> notes;
    private final String embeddingModel;
    private final String weak;
    private final String strong;
    private final double bias;
    private final double[] featureWeights;
    private final double[] embeddingWeights;
    private final Boilerplate boilerplate;
    private final double[] featureMin;
    private final double[] featureMax;

    /** Weights without feature ranges: features are used as they are. */
    QualityWeights(List<String> notes, String embeddingModel, String weak, String strong, double bias,
            double[] featureWeights, double[] embeddingWeights, Boilerplate boilerplate) {
        this(notes, embeddingModel, weak, strong, bias, featureWeights, embeddingWeights, boilerplate, null, null);
    }

    /**
     * Weights whose features are clamped to [{@code featureMin[i]}, {@code featureMax[i]}] before scoring; both
     * {@code null} for no clamping.
     */
    QualityWeights(List<String> notes, String embeddingModel, String weak, String strong, double bias,
            double[] featureWeights, double[] embeddingWeights, Boilerplate boilerplate, double[] featureMin,
            double[] featureMax) {
        this.notes = List.copyOf(notes);
        this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
        this.weak = Objects.requireNonNull(weak, "weak");
        this.strong = Objects.requireNonNull(strong, "strong");
        this.bias = bias;
        if (featureWeights.length != PromptFeatures.NAMES.size()) {
            throw new IllegalArgumentException("expected " + PromptFeatures.NAMES.size() + " feature weights, got "
                    + featureWeights.length);
        }
        this.featureWeights = featureWeights.clone();
        this.embeddingWeights = embeddingWeights.clone();
        this.boilerplate = Objects.requireNonNull(boilerplate, "boilerplate");
        if ((featureMin == null) != (featureMax == null)) {
            throw new IllegalArgumentException("feature ranges need both a minimum and a maximum");
        }
        if (featureMin != null) {
            if (featureMin.length != featureWeights.length || featureMax.length != featureWeights.length) {
                throw new IllegalArgumentException("expected " + featureWeights.length + " feature ranges");
            }
            for (int i = 0; i < featureMin.length; i++) {
                if (!(featureMin[i] <= featureMax[i])) {
                    throw new IllegalArgumentException("feature range of " + PromptFeatures.NAMES.get(i)
                            + " is empty: " + featureMin[i] + " > " + featureMax[i]);
                }
            }
        }
        this.featureMin = featureMin == null ? null : featureMin.clone();
        this.featureMax = featureMax == null ? null : featureMax.clone();
    }

    /** Whether features are clamped to a training range before scoring. */
    public boolean clampsFeatures() {
        return featureMin != null;
    }

    /** {@code features} clamped to the training range (a copy), or {@code features} itself without ranges. */
    double[] clamp(double[] features) {
        if (featureMin == null) {
            return features;
        }
        double[] clamped = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            clamped[i] = Math.min(featureMax[i], Math.max(featureMin[i], features[i]));
        }
        return clamped;
    }

    /** The length of the embeddings these weights expect. */
    public int dimension() {
        return embeddingWeights.length;
    }

    /** Whether any embedding weight is non-zero; when none is, the score depends on the features alone. */
    public boolean usesEmbedding() {
        for (double w : embeddingWeights) {
            if (w != 0) {
                return true;
            }
        }
        return false;
    }

    /** The embedding model the weights were trained on, e.g. {@code all-minilm-l6-v2}. */
    public String embeddingModel() {
        return embeddingModel;
    }

    /** The grade column of the weak model in the training data. */
    public String weak() {
        return weak;
    }

    /** The grade column of the strong model in the training data. */
    public String strong() {
        return strong;
    }

    /** Free-text provenance written by the trainer. */
    public List<String> notes() {
        return notes;
    }

    Boilerplate boilerplate() {
        return boilerplate;
    }

    /** The log-odds that the strong model is needed; {@code features} are raw, clamped here. */
    double logit(float[] embedding, double[] features) {
        double[] used = clamp(features);
        double z = bias;
        for (int i = 0; i < featureWeights.length; i++) {
            z += featureWeights[i] * used[i];
        }
        for (int i = 0; i < embeddingWeights.length; i++) {
            z += embeddingWeights[i] * embedding[i];
        }
        return z;
    }

    /** Writes the file format described on this class; the output depends only on the weights. */
    public void write(Writer out) throws IOException {
        out.write("# Hearth quality model: P(strong model needed | prompt) = sigmoid(bias + features + embedding).\n");
        out.write("# Written by `hearth router train`; see dev.hearth.routing.quality.QualityWeights for the format.\n");
        out.write("format " + FORMAT + "\n");
        for (String note : notes) {
            out.write("note " + escape(note) + "\n");
        }
        out.write("embedding-model " + embeddingModel + "\n");
        out.write("weak " + weak + "\n");
        out.write("strong " + strong + "\n");
        out.write("bias " + number(bias) + "\n");
        for (int i = 0; i < featureWeights.length; i++) {
            out.write("feature " + PromptFeatures.NAMES.get(i) + " " + number(featureWeights[i]) + "\n");
        }
        for (int i = 0; featureMin != null && i < featureMin.length; i++) {
            out.write("feature-range " + PromptFeatures.NAMES.get(i) + " " + number(featureMin[i]) + " "
                    + number(featureMax[i]) + "\n");
        }
        for (int i = 0; i < embeddingWeights.length; i += VALUES_PER_LINE) {
            StringBuilder line = new StringBuilder("embedding");
            for (int j = i; j < Math.min(i + VALUES_PER_LINE, embeddingWeights.length); j++) {
                line.append(' ').append(number(embeddingWeights[j]));
            }
            out.write(line.append('\n').toString());
        }
        for (String block : boilerplate.blocks()) {
            out.write("boilerplate " + escape(block) + "\n");
        }
    }

    /** Reads the file format described on this class. */
    public static QualityWeights read(Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        List<String> notes = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        double[] features = new double[PromptFeatures.NAMES.size()];
        List<String> rangeNames = new ArrayList<>();
        double[] featureMin = new double[features.length];
        double[] featureMax = new double[features.length];
        double[] embedding = new double[0];
        int embeddingCount = 0;
        String format = null;
        String embeddingModel = null;
        String weak = null;
        String strong = null;
        Double bias = null;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            try {
                switch (key) {
                    case "format" -> format = value;
                    case "note" -> notes.add(unescape(value));
                    case "embedding-model" -> embeddingModel = value;
                    case "weak" -> weak = value;
                    case "strong" -> strong = value;
                    case "bias" -> bias = Double.parseDouble(value);
                    case "feature" -> {
                        String[] parts = value.split(" ");
                        if (parts.length != 2 || featureNames.size() >= features.length) {
                            throw new IllegalArgumentException("expected \"feature NAME WEIGHT\" for one of "
                                    + PromptFeatures.NAMES);
                        }
                        features[featureNames.size()] = Double.parseDouble(parts[1]);
                        featureNames.add(parts[0]);
                    }
                    case "feature-range" -> {
                        String[] parts = value.split(" ");
                        if (parts.length != 3 || rangeNames.size() >= features.length) {
                            throw new IllegalArgumentException("expected \"feature-range NAME MIN MAX\" for one of "
                                    + PromptFeatures.NAMES);
                        }
                        featureMin[rangeNames.size()] = Double.parseDouble(parts[1]);
                        featureMax[rangeNames.size()] = Double.parseDouble(parts[2]);
                        rangeNames.add(parts[0]);
                    }
                    case "embedding" -> {
                        for (String part : value.trim().split(" +")) {
                            if (embeddingCount == embedding.length) {
                                embedding = Arrays.copyOf(embedding, Math.max(64, embedding.length * 2));
                            }
                            embedding[embeddingCount++] = Double.parseDouble(part);
                        }
                    }
                    case "boilerplate" -> blocks.add(unescape(value));
                    default -> throw new IllegalArgumentException("unknown key \"" + key + "\"");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + number + ": not a number in \"" + line + "\"", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("expected \"format " + FORMAT + "\", found " + format);
        }
        if (!featureNames.equals(PromptFeatures.NAMES)) {
            throw new IllegalArgumentException("features " + featureNames + " are not this version's "
                    + PromptFeatures.NAMES);
        }
        if (!rangeNames.isEmpty() && !rangeNames.equals(PromptFeatures.NAMES)) {
            throw new IllegalArgumentException("feature ranges " + rangeNames + " are not this version's "
                    + PromptFeatures.NAMES);
        }
        if (embeddingModel == null || weak == null || strong == null || bias == null || embeddingCount == 0) {
            throw new IllegalArgumentException("missing one of embedding-model, weak, strong, bias, embedding");
        }
        boolean ranged = !rangeNames.isEmpty();
        return new QualityWeights(notes, embeddingModel, weak, strong, bias, features,
                Arrays.copyOf(embedding, embeddingCount), new Boilerplate(blocks), ranged ? featureMin : null,
                ranged ? featureMax : null);
    }

    // Nine significant digits: exact enough for a float embedding, and stable text across runs.
    private static String number(double value) {
        return String.format(Locale.ROOT, "%.9g", value).replaceFirst("\\.?0+(e|$)", "$1");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            out.append(switch (e) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case '\\' -> '\\';
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            });
        }
        return out.toString();
    }
}
