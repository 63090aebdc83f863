package dev.hearth.auth;

import dev.hearth.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An in-memory {@link ApiKeyStore} for unit tests; records the audit events it was given. */
final class MemoryKeyStore implements ApiKeyStore {
    final List<ApiKey> keys = new ArrayList<>();
    final List<AuditEvent> events = new ArrayList<>();
    final Map<LimitScope, Map<String, Quota>> limits = new java.util.EnumMap<>(LimitScope.class);
    long generation;

    @Override
    public synchronized long generation() {
        return generation;
    }

    @Override
    public synchronized List<ApiKey> list() {
        return List.copyOf(keys);
    }

    @Override
    public synchronized Optional<ApiKey> find(String idOrPrefix) {
        return keys.stream().filter(k -> k.id().equals(idOrPrefix) || k.prefix().equals(idOrPrefix)).findFirst();
    }

    @Override
    public synchronized CompletableFuture<Void> insert(ApiKey key, AuditEvent event) {
        keys.add(key);
        return changed(event);
    }

    @Override
    public synchronized CompletableFuture<Void> revoke(String id, Instant at, AuditEvent event) {
        keys.replaceAll(k -> k.id().equals(id) ? k.revokedAt(at) : k);
        return changed(event);
    }

    @Override
    public synchronized CompletableFuture<Void> replace(ApiKey replacement, String oldId, Instant at,
            AuditEvent event) {
        keys.replaceAll(k -> k.id().equals(oldId) ? k.revokedAt(at) : k);
        keys.add(replacement);
        return changed(event);
    }

    @Override
    public synchronized CompletableFuture<Void> updateLimits(String id, Quota quota, List<String> egress,
            AuditEvent event) {
        keys.replaceAll(k -> k.id().equals(id) ? new ApiKey(k.id(), k.prefix(), k.hash(), k.name(), k.owner(), k.team(),
                k.role(), k.models(), k.created(), k.expires(), k.revoked(), quota, egress) : k);
        return changed(event);
    }

    @Override
    public synchronized Map<String, Quota> limits(LimitScope scope) {
        return Map.copyOf(limits.computeIfAbsent(scope, s -> new java.util.HashMap<>()));
    }

    @Override
    public synchronized CompletableFuture<Void> putLimits(LimitScope scope, String name, Quota quota, Instant at,
            AuditEvent event) {
        Map<String, Quota> scoped = limits.computeIfAbsent(scope, s -> new java.util.HashMap<>());
        if (quota == null) {
            scoped.remove(name);
        } else {
            scoped.put(name, quota);
        }
        return changed(event);
    }

    private CompletableFuture<Void> changed(AuditEvent event) {
        generation++;
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }
}
