package dev.hearth.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.CompletableFuture;

/**
 * Token buckets by name: in this process ({@link LocalRateBuckets}) or shared by every node through Redis. A bucket
 * is created on first use with the configuration given; callers always pass the same configuration for a name.
 *
 * <p>Threading: never blocks; futures may complete on another thread (Redis I/O).
 */
public interface RateBuckets {

    /** Takes {@code tokens} if they are there, else nothing; the probe says what is left or how long to wait. */
    CompletableFuture<ConsumptionProbe> tryConsume(String name, BucketConfiguration config, long tokens);

    /** Gives back tokens taken earlier that were not used (never above the capacity). */
    CompletableFuture<Void> refund(String name, BucketConfiguration config, long tokens);

    /** Takes tokens whatever is left (the bucket may go into debt): usage beyond what was reserved. */
    CompletableFuture<Void> charge(String name, BucketConfiguration config, long tokens);
}
