package dev.hearth.auth.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, held in memory and fetched on a background thread: at start, every refresh interval,
 * and soon after a token names a key the set does not hold (key rotation), at most once per
 * {@link #MIN_FORCED_INTERVAL}. Verification never waits for the network: it reads the last good set. A failed
 * fetch keeps the previous keys.
 *
 * <p>Threading: {@link #current()} and {@link #unknownKeySeen()} are safe from any thread and never block.
 */
public final class JwksCache implements AutoCloseable {
    static final Duration MIN_FORCED_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final int MAX_BYTES = 512 * 1024;

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private final ScheduledExecutorService fetcher;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>(new JWKSet());
    private final AtomicReference<Instant> lastForced = new AtomicReference<>(Instant.EPOCH);
    private volatile boolean failing;

    public JwksCache(URI url, Duration refresh, Clock clock) {
        this.url = url;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.fetcher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-jwks").factory());
        fetcher.scheduleWithFixedDelay(this::fetch, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    public JWKSet current() {
        return keys.get();
    }

    /** A token named a key the set does not hold: fetch again soon (rate-limited). */
    public void unknownKeySeen() {
        Instant now = clock.instant();
        Instant last = lastForced.get();
        if (Duration.between(last, now).compareTo(MIN_FORCED_INTERVAL) >= 0 && lastForced.compareAndSet(last, now)) {
            fetcher.execute(this::fetch);
        }
    }

    /** Fetches now and waits (for start-up and tests); returns whether the set was loaded. */
    public boolean fetchNow(Duration wait) {
        try {
            return fetcher.submit(this::fetch).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean fetch() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_BYTES) {
                throw new IOException("the key set is larger than " + MAX_BYTES + " bytes");
            }
            JWKSet set = JWKSet.parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            keys.set(set.toPublicJWKSet());
            if (failing) {
                LOG.info("OIDC signing keys fetched again from {} ({} keys)", url, set.size());
            }
            failing = false;
            return true;
        } catch (IOException | ParseException e) {
            if (!failing) { // once per outage, not once per attempt
                LOG.warn("cannot fetch the OIDC signing keys from {}; the previous keys stay in use: {}", url,
                        e.getMessage());
            }
            failing = true;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }
}
