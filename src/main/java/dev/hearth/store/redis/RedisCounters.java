package dev.hearth.store.redis;

import dev.hearth.config.LimitsConfig.RedisConfig;
import dev.hearth.limits.BudgetCounters;
import dev.hearth.limits.RateBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rate-limit buckets and budget counters in Redis, shared by every node: buckets through Bucket4j's
 * compare-and-swap proxy on Lettuce's async API, budgets through two Lua scripts so a reservation over several
 * counters (key, team, user; day and month) is one atomic check-and-add. Every key starts with the configured
 * prefix and expires on its own (buckets once full again, budget counters after their period).
 *
 * <p>Commands time out after {@link #COMMAND_TIMEOUT}; a failed future is what the admit stage turns into fail
 * closed or fail open. One connection, multiplexed; thread-safe.
 */
public final class RedisCounters implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    /** KEYS: counters; ARGV: amount, then one limit per key, then one TTL (seconds) per key. */
    private static final String RESERVE = """
            local n = #KEYS
            local amount = tonumber(ARGV[1])
            for i = 1, n do
              local spent = tonumber(redis.call('GET', KEYS[i]) or '0')
              if spent + amount > tonumber(ARGV[i + 1]) then
                return {i, spent}
              end
            end
            for i = 1, n do
              redis.call('INCRBY', KEYS[i], amount)
              redis.call('EXPIRE', KEYS[i], ARGV[n + i + 1])
            end
            return {0, 0}
            """;

    /** KEYS: counters; ARGV: delta, then one TTL (seconds) per key. */
    private static final String ADJUST = """
            local n = #KEYS
            for i = 1, n do
              redis.call('INCRBY', KEYS[i], ARGV[1])
              redis.call('EXPIRE', KEYS[i], ARGV[i + 1])
            end
            return n
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> commands;
    private final AsyncProxyManager<String> buckets;
    private final String prefix;

    private RedisCounters(RedisClient client, StatefulRedisConnection<String, byte[]> connection, String prefix) {
        this.client = client;
        this.connection = connection;
        this.commands = connection.async();
        this.prefix = prefix;
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build().asAsync();
    }

    /**
     * Connects (blocking, at start-up). A Redis that cannot be reached now is an error: the operator asked for
     * shared counters; later outages are handled per request.
     */
    public static RedisCounters connect(RedisConfig config) {
        RedisURI uri = RedisURI.create(config.url());
        if (config.password() != null) {
            uri.setAuthentication(config.password().reveal().toCharArray());
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            StatefulRedisConnection<String, byte[]> connection =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection.setTimeout(COMMAND_TIMEOUT);
            return new RedisCounters(client, connection, config.keyPrefix());
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    public RateBuckets rateBuckets() {
        return new RateBuckets() {
            @Override
            public CompletableFuture<ConsumptionProbe> tryConsume(String name, BucketConfiguration config, long tokens) {
                return buckets.builder().build(prefix + "bucket:" + name, config).tryConsumeAndReturnRemaining(tokens);
            }

            @Override
            public CompletableFuture<Void> refund(String name, BucketConfiguration config, long tokens) {
                return buckets.builder().build(prefix + "bucket:" + name, config).addTokens(tokens);
            }

            @Override
            public CompletableFuture<Void> charge(String name, BucketConfiguration config, long tokens) {
                return buckets.builder().build(prefix + "bucket:" + name, config).consumeIgnoringRateLimits(tokens)
                        .thenApply(debt -> null);
            }
        };
    }

    /**
     * Budget counters, seeded with {@code settled} spend for counters Redis does not hold (Redis restarted without
     * persistence): SET NX, so a counter another node already holds is left alone.
     */
    public BudgetCounters budgetCounters(Map<String, Long> settled) {
        settled.forEach((counter, micro) -> commands.set(key(counter), bytes(Long.toString(micro)),
                io.lettuce.core.SetArgs.Builder.nx().ex(Duration.ofDays(33))));
        return new BudgetCounters() {
            @Override
            public CompletableFuture<Outcome> reserve(List<Line> lines, long amountMicroUsd) {
                String[] keys = lines.stream().map(line -> key(line.counter())).toArray(String[]::new);
                byte[][] args = new byte[1 + 2 * lines.size()][];
                args[0] = bytes(Long.toString(amountMicroUsd));
                for (int i = 0; i < lines.size(); i++) {
                    args[1 + i] = bytes(Long.toString(lines.get(i).limitMicroUsd()));
                    args[1 + lines.size() + i] = bytes(Long.toString(lines.get(i).ttlSeconds()));
                }
                return commands.<List<Object>>eval(RESERVE, ScriptOutputType.MULTI, keys, args).toCompletableFuture()
                        .thenApply(result -> {
                            int line = ((Long) result.get(0)).intValue();
                            return new Outcome(line - 1, (Long) result.get(1));
                        });
            }

            @Override
            public CompletableFuture<Void> adjust(List<Line> lines, long deltaMicroUsd) {
                String[] keys = lines.stream().map(line -> key(line.counter())).toArray(String[]::new);
                byte[][] args = new byte[1 + lines.size()][];
                args[0] = bytes(Long.toString(deltaMicroUsd));
                for (int i = 0; i < lines.size(); i++) {
                    args[1 + i] = bytes(Long.toString(lines.get(i).ttlSeconds()));
                }
                return commands.<Long>eval(ADJUST, ScriptOutputType.INTEGER, keys, args).toCompletableFuture()
                        .thenApply(n -> null);
            }
        };
    }

    private String key(String counter) {
        return prefix + "budget:" + counter;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
