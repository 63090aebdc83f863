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
    private static final Pending<Void> STOP = new Pending<>(session -> null, new CompletableFuture<>(), null);

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

    /** A queued task; {@code event} is set for a plain audit append, which can be batched with its neighbours. */
    private record Pending<T>(Task<T> task, CompletableFuture<T> result, AuditEvent event) {}

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
    private final Session session = new Session();
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
        return enqueue(new Pending<>(task, new CompletableFuture<>(), null));
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEvent event) {
        return enqueue(new Pending<>(session -> session.append(event), new CompletableFuture<>(), event));
    }

    private <T> CompletableFuture<T> enqueue(Pending<T> pending) {
        if (closed) {
            pending.result().completeExceptionally(new StoreException("the store is closed"));
        } else if (!queue.offer(pending)) {
            pending.result().completeExceptionally(new StoreException("the store's write queue is full"));
        }
        return pending.result();
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
        Object[] results = new Object[batch.size()];
        Exception[] failures = new Exception[batch.size()];
        List<List<Pending<?>>> units = units(batch);
        try {
            execute(begin);
            chain.begin(connection);
            if (units.size() == 1) {
                // Alone in its transaction, a unit needs no savepoint: if it fails, the whole transaction is its own.
                AuditChain.Mark mark = chain.mark();
                try {
                    run(units.getFirst(), results, 0);
                } catch (SQLException | RuntimeException failed) {
                    rollback();
                    chain.reset(mark);
                    batch.forEach(pending -> complete(pending, null, failed));
                    return;
                }
            } else {
                int at = 0;
                for (List<Pending<?>> unit : units) {
                    runIsolated(unit, results, failures, at);
                    at += unit.size();
                }
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
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    /**
     * Splits a batch, in order, into units: each run of consecutive audit appends is one unit (its records are
     * inserted as one JDBC batch: one round trip, no savepoint per record), every other task is a unit of its own.
     */
    private static List<List<Pending<?>>> units(List<Pending<?>> batch) {
        List<List<Pending<?>>> units = new ArrayList<>();
        List<Pending<?>> appends = null;
        for (Pending<?> pending : batch) {
            if (pending.event() == null) {
                appends = null;
                units.add(List.of(pending));
            } else {
                if (appends == null) {
                    appends = new ArrayList<>();
                    units.add(appends);
                }
                appends.add(pending);
            }
        }
        return units;
    }

    /** Runs one unit, whose tasks start at {@code at} in the batch, writing their results there. */
    private void run(List<Pending<?>> unit, Object[] results, int at) throws SQLException {
        if (unit.getFirst().event() == null) {
            results[at] = unit.getFirst().task().run(session);
            return;
        }
        List<AuditEvent> events = new ArrayList<>(unit.size());
        unit.forEach(pending -> events.add(pending.event()));
        List<AuditRecord> records = chain.appendAll(connection, events);
        for (int i = 0; i < records.size(); i++) {
            results[at + i] = records.get(i);
        }
    }

    /** Runs a unit inside its own savepoint, so that a failing unit leaves the others' writes in place. */
    private void runIsolated(List<Pending<?>> unit, Object[] results, Exception[] failures, int at)
            throws SQLException {
        AuditChain.Mark mark = chain.mark();
        runFixed("SAVEPOINT task");
        try {
            run(unit, results, at);
            runFixed("RELEASE SAVEPOINT task");
        } catch (SQLException | RuntimeException failed) {
            runFixed("ROLLBACK TO SAVEPOINT task");
            runFixed("RELEASE SAVEPOINT task");
            chain.reset(mark);
            for (int i = at; i < at + unit.size(); i++) {
                results[i] = null;
                failures[i] = failed;
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
