package dev.hearth.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys the hot path checks against: an immutable in-memory snapshot indexed by public prefix, so that
 * authenticating a request is a map look-up and one HMAC, with no storage access and no event-loop blocking. An
 * unknown key is refused from memory too, so a flood of made-up keys never reaches the database.
 *
 * <p>Freshness: {@link #refresh()} reloads the snapshot when the store's {@link ApiKeyStore#generation()} has moved.
 * The server calls it every {@code auth.key-refresh} (2 s by default) on a background thread, and at once after
 * its own admin API changed a key; so a key revoked with {@code hearth keys revoke} in another process stops
 * working within one refresh interval, and one revoked through the admin API immediately.
 *
 * <p>Threading: {@link #find} is lock-free and safe from any thread; {@link #refresh()} blocks on storage and is
 * serialised.
 */
public final class KeyRing {
    private final ApiKeyStore store;
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());

    /** A key as the hot path needs it, its principal built once. */
    public record Entry(ApiKey key, Principal principal) {}

    private record Snapshot(long generation, Map<String, Entry> byPrefix) {}

    public KeyRing(ApiKeyStore store) {
        this.store = store;
    }

    public Optional<Entry> find(String prefix) {
        return Optional.ofNullable(snapshot.byPrefix().get(prefix));
    }

    /** How many keys the snapshot holds, revoked ones included. */
    public int size() {
        return snapshot.byPrefix().size();
    }

    /** Reloads the snapshot if the store changed since the last load; returns whether it did. */
    public synchronized boolean refresh() {
        // Generation first, keys second: a change in between is seen again at the next refresh, never missed.
        long generation = store.generation();
        if (generation == snapshot.generation()) {
            return false;
        }
        Map<String, Entry> byPrefix = new HashMap<>();
        for (ApiKey key : store.list()) {
            byPrefix.put(key.prefix(), new Entry(key, Principal.of(key)));
        }
        snapshot = new Snapshot(generation, Map.copyOf(byPrefix));
        return true;
    }
}
