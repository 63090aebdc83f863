package dev.hearth.pipeline;

import dev.hearth.model.ChatRequest;
import dev.hearth.routing.QualityEstimator;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a blocking quality estimate (one that embeds the prompt with MiniLM) on a small pool of its own, never on an
 * event loop, with a deadline: when the estimate is not there in time, or fails, the caller gets the non-blocking
 * fallback estimate instead, so a slow or overloaded embedding can delay a decision by at most the deadline.
 *
 * <p>A pool of its own rather than Vert.x's worker pool, so that embeddings queued behind each other cannot hold up
 * privacy inspection or admin work. Estimates whose deadline has passed before a thread reached them are skipped,
 * not computed for nobody. Thread-safe; {@link #close()} stops the pool (pending estimates then get the fallback).
 */
public final class QualityOffload implements AutoCloseable {
    private final QualityEstimator estimator;
    private final Duration deadline;
    private final ExecutorService pool;

    /** Runs {@code estimator} on {@code threads} daemon threads, waiting at most {@code deadline} for each estimate. */
    public QualityOffload(QualityEstimator estimator, Duration deadline, int threads) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("quality-estimate-", 0).factory());
    }

    /**
     * Completes with the estimator's score for {@code request}, or with {@code fallback} after the deadline or on a
     * failure. Never completes exceptionally; completes on the pool's thread or the JDK's delay scheduler, so the
     * caller hops back to its own event loop.
     */
    public CompletableFuture<Double> estimate(ChatRequest request, double fallback) {
        CompletableFuture<Double> result = new CompletableFuture<>();
        result.completeOnTimeout(fallback, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            pool.execute(() -> {
                if (result.isDone()) {
                    return; // too late: the fallback was used
                }
                try {
                    result.complete(estimator.needsStrongModel(request));
                } catch (RuntimeException failed) {
                    // The request proceeds on the fallback estimate; an embedding failure is not the client's.
                    result.complete(fallback);
                }
            });
        } catch (RejectedExecutionException closed) {
            result.complete(fallback);
        }
        return result;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
