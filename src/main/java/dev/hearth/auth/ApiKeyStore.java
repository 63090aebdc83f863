package dev.hearth.auth;

import dev.hearth.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where keys are kept. Every change is written in one transaction with the audit record of the admin action that
 * made it, and advances the {@link #generation()} so that caches notice.
 *
 * <p>Threading: reads block on storage (worker threads or the command line, never an event loop). Writes return at
 * once; their future completes on the store's writer thread once committed, or exceptionally when the change could
 * not be made (the audit record is then not written either).
 */
public interface ApiKeyStore {

    /** A number that changes whenever any key is created, revoked or replaced, by this process or another. */
    long generation();

    /** Every key, revoked and expired ones included, oldest first. */
    List<ApiKey> list();

    /** The key with this id, or with this public prefix. */
    Optional<ApiKey> find(String idOrPrefix);

    CompletableFuture<Void> insert(ApiKey key, AuditEvent event);

    CompletableFuture<Void> revoke(String id, Instant at, AuditEvent event);

    /** Inserts {@code replacement} and revokes {@code oldId} at {@code at}, together. */
    CompletableFuture<Void> replace(ApiKey replacement, String oldId, Instant at, AuditEvent event);

    /** Replaces a key's rate limits, budgets and egress list (null: the configured policy alone decides). */
    CompletableFuture<Void> updateLimits(String id, Quota quota, List<String> egress, AuditEvent event);

    /** Limits set through the admin API for teams or users, by name. Blocks on storage. */
    Map<String, Quota> limits(LimitScope scope);

    /** Sets a team's or user's limits (creating its row), or removes the row when {@code quota} is null. */
    CompletableFuture<Void> putLimits(LimitScope scope, String name, Quota quota, Instant at, AuditEvent event);
}
