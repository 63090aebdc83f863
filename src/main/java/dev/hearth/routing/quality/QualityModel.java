package dev.hearth.routing.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Estimates, from the prompt alone, the probability that the strong (frontier) model is needed: that the weak
 * (local) model's answer would be worse than the strong model's. Higher means "send it to the strong model"; a router
 * compares the score with one threshold that trades quality for cost.
 *
 * <p><b>How.</b> The prompt's recurring boilerplate (few-shot examples, fixed instructions learned at training time)
 * is removed; what is left, the question, is embedded (all-MiniLM-L6-v2, through an embedder that reads a bounded head and tail of it) and
 * described by a few cheap {@link PromptFeatures}; a logistic regression turns both into the score. The weights ship
 * in the jar ({@value #RESOURCE}) and are retrained with {@code hearth router train}.
 *
 * <p><b>Use.</b> {@code QualityModel.load(embedder).score(prompt)}, or, when the caller already holds the embedding
 * of {@link #embeddingInput(String) embeddingInput(prompt)}, {@code score(embedding, prompt)}, which costs
 * microseconds.
 *
 * <p><b>Failures.</b> {@link #load} throws {@link IllegalStateException} if the shipped weights are missing or
 * corrupt (a build fault); {@link #read} throws {@link IllegalArgumentException} for a malformed file;
 * {@code score} throws {@link IllegalArgumentException} for an embedding of the wrong length and passes on whatever
 * the embedder throws.
 *
 * <p><b>Threading.</b> Immutable and thread-safe. {@link #score(String)} blocks for as long as the embedder does
 * (milliseconds, on a worker thread) when the model {@link #usesEmbedding() uses the embedding};
 * {@link #score(float[], String)} never blocks.
 */
public final class QualityModel {
    /** The class-path location of the shipped weights. */
    public static final String RESOURCE = "/dev/hearth/routing/quality/model.txt";

    private final QualityWeights weights;
    private final PromptEmbedder embedder;
    private final boolean usesEmbedding;

    QualityModel(QualityWeights weights, PromptEmbedder embedder) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.usesEmbedding = weights.usesEmbedding();
    }

    /** The shipped model; its weights are parsed once per JVM. {@code embedder} serves {@link #score(String)}. */
    public static QualityModel load(PromptEmbedder embedder) {
        return new QualityModel(shipped(), embedder);
    }

    /** A model from a weights file written by {@code hearth router train}. */
    public static QualityModel read(Path file, PromptEmbedder embedder) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new QualityModel(QualityWeights.read(in), embedder);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(file + ": " + malformed.getMessage(), malformed);
        }
    }

    /** The model in {@code file} (written by {@code hearth router train}), or the shipped one when it is null. */
    public static QualityModel loadOrShipped(Path file, PromptEmbedder embedder) {
        if (file == null) {
            return load(embedder);
        }
        try {
            return read(file, embedder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the router model " + file, e);
        }
    }

    /** A model with the given weights (for the trainer and tests). */
    public static QualityModel of(QualityWeights weights, PromptEmbedder embedder) {
        return new QualityModel(weights, embedder);
    }

    /** The weights, for provenance ({@link QualityWeights#notes()}) and for writing them out. */
    public QualityWeights weights() {
        return weights;
    }

    /**
     * The text this model embeds for {@code prompt}: the prompt without its learned boilerplate blocks. A caller that
     * embeds it itself (e.g. to share the vector with a semantic cache) passes the result to
     * {@link #score(float[], String)}.
     */
    public String embeddingInput(String prompt) {
        return weights.boilerplate().strip(prompt).question();
    }

    /**
     * Whether {@link #score(String)} calls the embedder. It does not when every embedding weight is zero, as in the
     * shipped model, whose training found no gain from the embedding (bench/ROUTER.md); a caller may then skip
     * embedding and pass any vector of the right length to {@link #score(float[], String)}.
     */
    public boolean usesEmbedding() {
        return usesEmbedding;
    }

    /** The probability in [0, 1] that the strong model is needed; embeds the prompt (blocking) if the model uses it. */
    public double score(String prompt) {
        Boilerplate.Stripped stripped = weights.boilerplate().strip(prompt);
        float[] embedding = usesEmbedding ? embedder.embed(stripped.question()) : new float[weights.dimension()];
        return score(embedding, stripped);
    }

    /**
     * Like {@link #score(String)}, reusing {@code embedding}, which must be the embedding of
     * {@link #embeddingInput(String) embeddingInput(prompt)} by the model named in {@link QualityWeights#embeddingModel()}.
     */
    public double score(float[] embedding, String prompt) {
        return score(embedding, weights.boilerplate().strip(prompt));
    }

    private double score(float[] embedding, Boilerplate.Stripped stripped) {
        if (embedding.length != weights.dimension()) {
            throw new IllegalArgumentException("expected an embedding of " + weights.dimension() + " values, got "
                    + embedding.length);
        }
        double z = weights.logit(embedding, PromptFeatures.of(stripped.question(), stripped.removed()));
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        // Written for both signs so that exp never overflows.
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    // Parsed on first use, once per JVM; a failure is not cached, so the next call reports it again.
    private static volatile QualityWeights shipped;

    private static QualityWeights shipped() {
        QualityWeights current = shipped;
        if (current == null) {
            synchronized (QualityModel.class) {
                if (shipped == null) {
                    shipped = readResource();
                }
                current = shipped;
            }
        }
        return current;
    }

    private static QualityWeights readResource() {
        try (InputStream in = QualityModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return QualityWeights.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(RESOURCE + " is malformed: " + e.getMessage(), e);
        }
    }
}
