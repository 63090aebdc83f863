package dev.hearth.store.sql;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.AuditLog;
import dev.hearth.audit.AuditRecord;
import dev.hearth.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the store, with group commit: it takes every task waiting in its queue (up to
 * {@code maxBatch}; with a {@code linger}, it also waits that long for more), runs them in one transaction, each
 * inside its own savepoint, and commits once. Under load many audit records share one commit, and its fsync; when
 * idle a lone record is committed at once, without waiting.
 *
 * <p>A task that fails is rolled back to its savepoint and only its future fails; a failed commit fails the whole
 * batch. Futures complete on this thread after the commit, so a completed future means durable.
 *
 * <p>Threading: {@link #submit} and {@link #append} never block and may be called from any thread (event loops
 * included); tasks run on the writer thread only. {@link #close} finishes the queued work, writes a final
 * checkpoint, and fails anything submitted later.
 */
public final class GroupCommitWriter implements AuditLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final Pending<Void> STOP = new Pending<>(session -> null, new CompletableFuture<>());

    /** What a task may do: plain SQL on the writer's connection, and appending audit records to this node's chain. */
    public interface WriteSession {
        Connection connection();

        AuditRecord append(AuditEvent event) throws SQLException;
    }

    @FunctionalInterface
    public interface Task<T> {
        T run(WriteSession session) throws SQLException;
    }

    /**
     * @param maxBatch      most tasks per transaction
     * @param lingerMillis  how long to wait for more tasks after the first (0: commit what is there at once)
     * @param queueCapacity tasks that may wait; beyond that submissions fail at once rather than pile up
     * @param idleWakeMillis how often an idle writer checks whether a timed checkpoint is due
     */
    public record Settings(int maxBatch, long lingerMillis, int queueCapacity, long idleWakeMillis) {
        public static Settings defaults() {
            return new Settings(512, 0, 65_536, 1_000);
        }
    }

    private record Pending<T>(Task<T> task, CompletableFuture<T> result) {}

    private final Connection connection;
    private final String begin;
    private final AuditChain chain;
    private final Settings settings;
    private final BlockingQueue<Pending<?>> queue;
    private final Thread thread;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private volatile boolean closed;
    private Statement control;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    /** @param begin the statement that opens a write transaction ({@code BEGIN IMMEDIATE} on SQLite) */
    GroupCommitWriter(Connection connection, String begin, AuditChain chain, Settings settings) {
        this.connection = connection;
        this.begin = begin;
        this.chain = chain;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = Thread.ofPlatform().name("hearth-store-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    public <T> CompletableFuture<T> submit(Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new StoreException("the store is closed"));
        } else if (!queue.offer(new Pending<>(task, result))) {
            result.completeExceptionally(new StoreException("the store's write queue is full"));
        }
        return result;
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEvent event) {
        return submit(session -> session.append(event));
    }

    /** Transactions committed so far (for measurements). */
    public long batches() {
        return batches.get();
    }

    /** Tasks committed so far (for measurements). */
    public long tasks() {
        return tasks.get();
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            Pending<?> first;
            try {
                first = queue.poll(settings.idleWakeMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                break;
            }
            if (first == null) {
                if (chain.checkpointDue()) {
                    commit(batch, false);
                }
                continue;
            }
            batch.add(first);
            collect(batch);
            stopping = batch.remove(STOP);
            commit(batch, stopping);
        }
        List<Pending<?>> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(p -> p.result().completeExceptionally(new StoreException("the store is closed")));
    }

    private void collect(List<Pending<?>> batch) {
        queue.drainTo(batch, settings.maxBatch() - batch.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.lingerMillis());
        while (settings.lingerMillis() > 0 && batch.size() < settings.maxBatch() && !batch.contains(STOP)) {
            try {
                Pending<?> more = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (more == null) {
                    return;
                }
                batch.add(more);
                queue.drainTo(batch, settings.maxBatch() - batch.size());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commit(List<Pending<?>> batch, boolean closing) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Exception> failures = new ArrayList<>(batch.size());
        Session session = new Session();
        try {
            execute(begin);
            chain.begin(connection);
            if (batch.size() == 1) {
                // Alone in its transaction, a task needs no savepoint: if it fails, the whole transaction is its own.
                AuditChain.Mark mark = chain.mark();
                try {
                    results.add(batch.get(0).task().run(session));
                } catch (SQLException | RuntimeException failed) {
                    rollback();
                    chain.reset(mark);
                    complete(batch.get(0), null, failed);
                    return;
                }
                failures.add(null);
            } else {
                runIsolated(batch, session, results, failures);
            }
            chain.beforeCommit(connection, closing);
            runFixed("COMMIT");
        } catch (SQLException | RuntimeException failed) {
            rollback();
            LOG.warn("store write of {} task(s) failed: {}", batch.size(), failed.toString());
            StoreException fault = new StoreException("the store could not commit: " + failed.getMessage(), failed);
            batch.forEach(pending -> pending.result().completeExceptionally(fault));
            return;
        }
        batches.incrementAndGet();
        tasks.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i), failures.get(i));
        }
    }

    /** Runs each task inside its own savepoint, so that one failing task leaves the others' writes in place. */
    private void runIsolated(List<Pending<?>> batch, Session session, List<Object> results, List<Exception> failures)
            throws SQLException {
        for (Pending<?> pending : batch) {
            AuditChain.Mark mark = chain.mark();
            runFixed("SAVEPOINT task");
            try {
                results.add(pending.task().run(session));
                failures.add(null);
                runFixed("RELEASE SAVEPOINT task");
            } catch (SQLException | RuntimeException failed) {
                runFixed("ROLLBACK TO SAVEPOINT task");
                runFixed("RELEASE SAVEPOINT task");
                chain.reset(mark);
                results.add(null);
                failures.add(failed);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result, Exception failure) {
        if (failure == null) {
            pending.result().complete((T) result);
        } else if (failure instanceof RuntimeException unchecked) {
            pending.result().completeExceptionally(unchecked);
        } else {
            pending.result().completeExceptionally(new StoreException(failure.getMessage(), failure));
        }
    }

    private void execute(String sql) throws SQLException {
        if (control == null) {
            control = connection.createStatement();
        }
        control.execute(sql);
    }

    /** A fixed statement run on every task or commit: prepared once (preparing cost as much as running it). */
    private void runFixed(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        statement.execute();
    }

    private void rollback() {
        try {
            execute("ROLLBACK");
        } catch (SQLException nothingOpen) {
            // the transaction never began, or the database already rolled it back
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!queue.offer(STOP, 10, TimeUnit.SECONDS)) {
                thread.interrupt();
            }
            thread.join(30_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the store's writer connection failed: {}", e.toString());
        }
    }

    private final class Session implements WriteSession {
        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public AuditRecord append(AuditEvent event) throws SQLException {
            return chain.append(connection, event);
        }
    }
}
