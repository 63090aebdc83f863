package dev.hearth.provider.embedded;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-process text embeddings with all-MiniLM-L6-v2 (quantized ONNX, {@value #DIMENSION} dimensions),
 * so that {@code /v1/embeddings} answers with no backend configured.
 *
 * <p><b>Lifecycle.</b> Construction loads nothing. Loading reads the 23 MB model and the tokenizer
 * from the class path and takes roughly a second, so it never belongs on the start-up path: call
 * {@link #startLoading()} once start-up is done, or let the first {@link #embed} start it.
 * {@link #ready()} completes when the model is usable, or exceptionally with the cause if loading
 * failed. A failed load is not retried; build a new engine. {@link #close()} waits for in-flight
 * {@code embed} calls, then frees the model's native memory. Loading touches no network, and has two
 * JVM-wide effects: it sets the system properties {@code ai.djl.offline} and {@code OPT_OUT_TRACKING}
 * to {@code true} unless already set (this stops the tokenizer runtime's telemetry and downloads), and
 * the tokenizer's native library is copied once to {@code ~/.djl.ai/tokenizers} ({@code DJL_CACHE_DIR}
 * moves it).
 *
 * <p><b>Inputs.</b> Each input is embedded on its own, so its vector never depends on the rest of the
 * batch. The empty string is valid (the model then reads only its {@code [CLS]} and {@code [SEP]}
 * markers). The model reads at most the first 126 word pieces of an input (128 with the markers)
 * and, before that, at most its first 16,384 characters, which real text never needs; the rest is
 * ignored: not split, not averaged, not counted. (langchain4j 1.19.0-beta29,
 * which packages this model, does the same in effect: its 510-token split and weighted average never
 * trigger, because the shipped tokenizer truncates at 128 first. Hearth runs the model itself because
 * langchain4j rejects blank text and keeps the model in a static field that can never be freed or
 * reloaded.)
 *
 * <p><b>Failures.</b> {@code embed} throws {@link IllegalArgumentException} for an empty list or a null
 * element, {@link NullPointerException} for a null list, {@link IllegalStateException} (with the cause)
 * when the model failed to load, the engine is closed or ONNX Runtime fails, and
 * {@link CancellationException} (interrupt flag set) when interrupted while waiting for the load.
 *
 * <p><b>Threading.</b> Every method is thread-safe. {@code embed} blocks, first until the model is
 * loaded and then for a few milliseconds per input, so call it on a worker thread, never an event
 * loop; prefer platform threads, because the ONNX and tokenizer calls are JNI and pin a virtual
 * thread's carrier. Concurrent {@code embed} calls share one ONNX session and run in parallel. What
 * this rests on: ONNX Runtime documents concurrent {@code Run} calls on one session as safe; DJL's JNI
 * encode calls the Rust tokenizer through a shared reference, and nothing reconfigures it after
 * loading; and a test checks that 4 threads get bit-identical vectors to a sequential run.
 */
public final class MiniLmEmbeddingEngine implements AutoCloseable {

    /** The model name clients send and receive. */
    public static final String MODEL_NAME = "all-minilm-l6-v2";

    /** Length of every vector. */
    public static final int DIMENSION = 384;

    private final Callable<MiniLmModel> loader;
    private final AtomicBoolean started = new AtomicBoolean();
    // The outcome lives in two fields, published before either future completes. embed() waits on
    // the private future because callers could complete the public one; ready() completes first, so
    // whoever sees embed() fail also sees ready() done.
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile MiniLmModel model;
    private volatile Throwable loadFailure;
    // Readers are embed calls; the writer is close() or the loader publishing the model.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** An engine for the model bundled on the class path; loads nothing yet. */
    public MiniLmEmbeddingEngine() {
        this(MiniLmModel::load);
    }

    /** For tests: loads with {@code loader} instead of from the class path. */
    MiniLmEmbeddingEngine(Callable<MiniLmModel> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * Starts loading the model on a new daemon platform thread and returns at once. Calls after the
     * first, and calls on a closed engine, do nothing.
     */
    public void startLoading() {
        if (started.compareAndSet(false, true)) {
            Thread.ofPlatform()
                    .name("hearth-embedding-loader")
                    .daemon(true)
                    .start(this::load);
        }
    }

    /**
     * Completes with {@code null} once {@link #embed} can run without waiting, or exceptionally with
     * the load's cause (an {@link IllegalStateException} if the engine was closed first). Does not
     * start loading. Completing the returned future yourself misleads other callers of this method
     * but does not affect the engine.
     */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Whether the model is loaded and the engine not closed. */
    public boolean isReady() {
        return model != null;
    }

    /**
     * Embeds {@code inputs}, blocking until the model is loaded (starting the load if nobody has).
     *
     * @return one L2-normalised vector per input in input order, and the word pieces read
     */
    public EmbeddingResult embed(List<String> inputs) {
        List<String> texts = validCopy(inputs);
        startLoading();
        awaitLoad();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("embedding engine is closed");
            }
            MiniLmModel current = model;
            List<float[]> vectors = new ArrayList<>(texts.size());
            // Counted with the model's own tokenizer: Hearth does not go through langchain4j's
            // EmbeddingModel (see the class comment), so there is no TokenUsage to take it from.
            int promptTokens = 0;
            for (String text : texts) {
                MiniLmModel.Embedding embedding = current.embed(text);
                vectors.add(embedding.vector());
                promptTokens += embedding.tokens();
            }
            return new EmbeddingResult(vectors, promptTokens);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the embedding model", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Embeds {@code text} from at most its first {@code headPieces} and last {@code tailPieces} word pieces
     * (together at most 126), blocking like {@link #embed}: a decision-path embedding whose cost does not grow with
     * the prompt. A text with no more pieces than that gets the same vector as {@link #embed} gives it.
     *
     * @throws IllegalArgumentException for negative counts or more than 126 pieces in all
     */
    public float[] embedBounded(String text, int headPieces, int tailPieces) {
        Objects.requireNonNull(text, "text");
        startLoading();
        awaitLoad();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("embedding engine is closed");
            }
            return model.embedBounded(text, headPieces, tailPieces).vector();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the embedding model", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Waits for in-flight {@link #embed} calls, then frees the model; later calls fail. Idempotent. */
    @Override
    public void close() {
        boolean neverStarted;
        MiniLmModel current;
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            neverStarted = started.compareAndSet(false, true);
            current = model;
            model = null;
        } finally {
            lock.writeLock().unlock();
        }
        // Outside the lock: ready() callbacks run here and must not run while holding it.
        if (neverStarted) {
            settle(new IllegalStateException("embedding engine was closed before loading"));
        }
        if (current != null) {
            free(current);
        }
    }

    private void load() {
        Thread.currentThread().setContextClassLoader(MiniLmEmbeddingEngine.class.getClassLoader());
        MiniLmModel candidate;
        try {
            candidate = loader.call();
        } catch (Throwable t) {
            // Errors too (UnsatisfiedLinkError, OutOfMemoryError): waiters must hear about them.
            settle(t);
            return;
        }
        settle(publish(candidate));
    }

    /** Makes {@code candidate} the model, or frees it and says why if the engine was closed meanwhile. */
    private Throwable publish(MiniLmModel candidate) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                model = candidate;
                return null;
            }
        } finally {
            lock.writeLock().unlock();
        }
        IllegalStateException failure = new IllegalStateException("embedding engine was closed while loading");
        try {
            candidate.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private void settle(Throwable failure) {
        if (failure == null) {
            ready.complete(null);
            loaded.complete(null);
        } else {
            loadFailure = failure;
            ready.completeExceptionally(failure);
            loaded.completeExceptionally(failure);
        }
    }

    private void awaitLoad() {
        // Checked first so that embed() called from a ready() callback, which runs on the loader
        // thread before the private future completes, cannot wait for itself.
        if (model != null) {
            return;
        }
        if (loadFailure != null) {
            throw new IllegalStateException("embedding model is unavailable", loadFailure);
        }
        try {
            loaded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled =
                    new CancellationException("interrupted while waiting for the embedding model");
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding model is unavailable", e.getCause());
        }
    }

    /** Copies first, so a caller changing the list mid-call cannot slip a null past the check. */
    private static List<String> validCopy(List<String> inputs) {
        List<String> texts = new ArrayList<>(Objects.requireNonNull(inputs, "inputs"));
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("inputs must not be empty");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("inputs[" + i + "] is null");
            }
        }
        return texts;
    }

    private static void free(MiniLmModel model) {
        try {
            model.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to free the embedding model", e);
        }
    }
}
