package dev.hearth.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database file on its own thread and connection, so that the writer
 * never does it. SQLite's automatic checkpoint runs inside the commit that crosses the WAL size threshold and
 * fsyncs the database file there: measured at 1,000 audit records a second, a few commits a second took 3–4 ms
 * instead of ~0.1 ms, and every answer waiting for those commits waited too. A {@code PASSIVE} checkpoint never
 * blocks the writer (it copies what no reader still needs and stops), so running one on an interval bounds the WAL
 * without touching the request path. Durability is unchanged: a commit is durable once it is in the WAL.
 *
 * <p>The writer's connection must have {@code wal_autocheckpoint} off (see {@link SqliteStore}). Other processes
 * (a {@code hearth keys} command) keep SQLite's automatic checkpoint on their own connections.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final ScheduledExecutorService thread;
    private final AtomicLong runs = new AtomicLong();

    WalCheckpointer(Connection connection, long intervalMillis) {
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("hearth-store-checkpointer").daemon(true).unstarted(task));
        thread.scheduleWithFixedDelay(this::checkpoint, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Checkpoints run so far (for tests). */
    long runs() {
        return runs.get();
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            runs.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            // The next interval tries again; the WAL only grows meanwhile, nothing is lost.
            LOG.warn("WAL checkpoint of the store failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the store's WAL checkpoint did not finish within 10 s; closing anyway");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the store's checkpoint connection failed: {}", e.toString());
        }
    }
}
