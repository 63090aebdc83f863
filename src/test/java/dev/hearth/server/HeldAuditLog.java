package dev.hearth.server;

import dev.hearth.audit.AuditLog;
import dev.hearth.audit.AuditRecord;
import dev.hearth.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * An audit view for tests: while held, appends wait (not even queued to the store) until {@link #release()}; while
 * failing, they fail as a broken store would.
 */
final class HeldAuditLog implements UnaryOperator<AuditLog> {
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean holding;
    private boolean failing;

    @Override
    public AuditLog apply(AuditLog real) {
        return event -> {
            CompletableFuture<AuditRecord> result = new CompletableFuture<>();
            Runnable go = () -> real.append(event).whenComplete((record, failed) -> {
                if (failed != null) {
                    result.completeExceptionally(failed);
                } else {
                    result.complete(record);
                }
            });
            synchronized (this) {
                if (failing) {
                    result.completeExceptionally(new StoreException("disk full (simulated)"));
                } else if (holding) {
                    waiting.add(go);
                } else {
                    go.run();
                }
            }
            return result;
        };
    }

    synchronized void hold() {
        holding = true;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized void fail(boolean on) {
        failing = on;
    }

    void release() {
        List<Runnable> go;
        synchronized (this) {
            holding = false;
            go = new ArrayList<>(waiting);
            waiting.clear();
        }
        go.forEach(Runnable::run);
    }
}
