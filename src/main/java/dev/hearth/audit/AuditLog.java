package dev.hearth.audit;

import java.util.concurrent.CompletableFuture;

/**
 * Where audit events are appended. Implementations chain each event onto its node's log and make it durable.
 *
 * <p>Threading: {@link #append} never blocks and may be called from any thread, event loops included. The future
 * completes once the record is committed (durable), on the store's writer thread: continuations that touch a request
 * must hop back to its event loop. Failure: the future completes exceptionally (store unavailable, queue full,
 * closed); the caller decides what a client then receives.
 */
public interface AuditLog {

    CompletableFuture<AuditRecord> append(AuditEvent event);
}
