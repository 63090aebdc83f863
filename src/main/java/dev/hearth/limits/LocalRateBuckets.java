package dev.hearth.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Buckets in this process's memory (Bucket4j's lock-free local buckets): limits hold per node. Thread-safe. */
public final class LocalRateBuckets implements RateBuckets {
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<ConsumptionProbe> tryConsume(String name, BucketConfiguration config, long tokens) {
        return CompletableFuture.completedFuture(bucket(name, config).tryConsumeAndReturnRemaining(tokens));
    }

    @Override
    public CompletableFuture<Void> refund(String name, BucketConfiguration config, long tokens) {
        bucket(name, config).addTokens(tokens);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> charge(String name, BucketConfiguration config, long tokens) {
        bucket(name, config).consumeIgnoringRateLimits(tokens);
        return CompletableFuture.completedFuture(null);
    }

    private Bucket bucket(String name, BucketConfiguration config) {
        return buckets.computeIfAbsent(name, n -> {
            LocalBucketBuilder builder = Bucket.builder();
            for (Bandwidth limit : config.getBandwidths()) {
                builder.addLimit(limit);
            }
            return builder.build();
        });
    }
}
