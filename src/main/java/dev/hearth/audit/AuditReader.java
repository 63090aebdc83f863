package dev.hearth.audit;

import java.util.List;
import java.util.function.Consumer;

/**
 * Read access to the stored audit log, for the admin API and the {@code audit} commands.
 *
 * <p>Threading: every method blocks on storage; call from worker threads or the command line, never from an event
 * loop. Failure: storage errors surface as unchecked exceptions.
 */
public interface AuditReader {

    /** The newest {@code limit} records of all nodes, newest first. */
    List<AuditRecord> recent(int limit);

    /** Every node that has records or checkpoints. */
    List<String> nodes();

    /** Every record of {@code node} in stored order of {@code seq}, streamed to {@code sink}. */
    void scan(String node, Consumer<AuditRecord> sink);

    /** The node's checkpoints in order of {@code seq}. */
    List<Checkpoint> checkpoints(String node);
}
