package dev.hearth.store.sql;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.AuditRecord;
import dev.hearth.audit.ChainHash;
import dev.hearth.audit.Checkpoint;
import dev.hearth.audit.CheckpointSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends records to this node's hash chain and writes its signed checkpoints. The chain's head is read from the
 * database at the start of every write transaction, under the write lock, so several processes (the server and
 * {@code hearth keys} commands) can append to one node's chain without ever forking it.
 *
 * <p>Checkpoints are written in the same transaction as the records they cover: whenever a record's {@code seq} is a
 * multiple of {@code every}, when {@code interval} has passed since the last checkpoint and there are new records,
 * and when the writer closes.
 *
 * <p>Threading: used only by the writer thread, inside its transactions.
 */
final class AuditChain {
    /** A chain position: the last record's {@code seq} and hash. */
    record Head(long seq, String hash) {}

    /** Everything a rolled-back task may have moved. */
    record Mark(Head head, long checkpointedSeq, long checkpointedAt) {}

    private final String node;
    private final CheckpointSigner signer;
    private final int every;
    private final Duration interval;
    private final Clock clock;
    private final long startedAt;
    private Head head;
    private long checkpointedSeq;
    private long checkpointedAt;
    // Prepared once on the writer's connection and kept: preparing them per transaction cost more than running them.
    private PreparedStatement insert;
    private PreparedStatement lastRecord;
    private PreparedStatement lastCheckpoint;
    private PreparedStatement insertCheckpoint;

    AuditChain(String node, CheckpointSigner signer, int every, Duration interval, Clock clock) {
        this.node = node;
        this.signer = signer;
        this.every = every;
        this.interval = interval;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    String node() {
        return node;
    }

    /** Reads the head and the last checkpoint; call first in every transaction. */
    void begin(Connection connection) throws SQLException {
        head = new Head(0, ChainHash.GENESIS);
        if (lastRecord == null) {
            lastRecord = connection.prepareStatement(
                    "SELECT seq, hash FROM audit_records WHERE node_id = ? ORDER BY seq DESC LIMIT 1");
            lastCheckpoint = connection.prepareStatement(
                    "SELECT seq, ts FROM audit_checkpoints WHERE node_id = ? ORDER BY seq DESC LIMIT 1");
        }
        lastRecord.setString(1, node);
        try (ResultSet row = lastRecord.executeQuery()) {
            if (row.next()) {
                head = new Head(row.getLong(1), row.getString(2));
            }
        }
        lastCheckpoint.setString(1, node);
        try (ResultSet row = lastCheckpoint.executeQuery()) {
            checkpointedSeq = row.next() ? row.getLong(1) : 0;
            // With no checkpoint yet, the interval counts from this writer's start.
            checkpointedAt = checkpointedSeq == 0 ? startedAt : row.getLong(2);
        }
    }

    Mark mark() {
        return new Mark(head, checkpointedSeq, checkpointedAt);
    }

    /** After a task was rolled back to its savepoint: forget the records and checkpoints it wrote. */
    void reset(Mark mark) {
        head = mark.head();
        checkpointedSeq = mark.checkpointedSeq();
        checkpointedAt = mark.checkpointedAt();
    }

    AuditRecord append(Connection connection, AuditEvent event) throws SQLException {
        AuditRecord record = add(connection, event);
        insert.executeUpdate();
        return record;
    }

    /**
     * Appends records in order with one JDBC batch (one round trip to a server database). A checkpoint due inside
     * the run is written as it comes: it is in the same transaction as the records it covers either way.
     */
    List<AuditRecord> appendAll(Connection connection, List<AuditEvent> events) throws SQLException {
        if (events.size() == 1) {
            return List.of(append(connection, events.getFirst()));
        }
        List<AuditRecord> records = new ArrayList<>(events.size());
        try {
            for (AuditEvent event : events) {
                records.add(add(connection, event));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException | RuntimeException failed) {
            insert.clearBatch(); // the statement outlives this transaction: nothing of this run may linger in it
            throw failed;
        }
        return records;
    }

    /** Chains one record and binds its insert; the caller executes it (alone or as part of a batch). */
    private AuditRecord add(Connection connection, AuditEvent event) throws SQLException {
        long seq = head.seq() + 1;
        String body = event.bodyJson();
        String hash = ChainHash.hash(node, seq, event.time(), event.kind(), body, head.hash());
        if (insert == null) {
            insert = connection.prepareStatement("INSERT INTO audit_records (node_id, seq, ts, kind, request_id,"
                    + " key_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        insert.setString(1, node);
        insert.setLong(2, seq);
        insert.setLong(3, event.time());
        insert.setString(4, event.kind());
        setNullable(insert, 5, event.requestId());
        setNullable(insert, 6, event.keyId());
        insert.setString(7, body);
        insert.setString(8, head.hash());
        insert.setString(9, hash);
        AuditRecord record = new AuditRecord(node, seq, event.time(), event.kind(), body, head.hash(), hash);
        head = new Head(seq, hash);
        if (seq % every == 0) {
            checkpoint(connection);
        }
        return record;
    }

    /** Writes a checkpoint at the head if one is due by time, or unconditionally when {@code closing}. */
    void beforeCommit(Connection connection, boolean closing) throws SQLException {
        boolean pending = head.seq() > checkpointedSeq;
        boolean late = clock.millis() - checkpointedAt >= interval.toMillis();
        if (pending && (closing || late)) {
            checkpoint(connection);
        }
    }

    /** Whether an idle writer should open a transaction just to write a checkpoint. */
    boolean checkpointDue() {
        return head != null && head.seq() > checkpointedSeq
                && clock.millis() - checkpointedAt >= interval.toMillis();
    }

    private void checkpoint(Connection connection) throws SQLException {
        long now = clock.millis();
        Checkpoint signed = signer.sign(node, head.seq(), now, head.hash());
        if (insertCheckpoint == null) {
            insertCheckpoint = connection.prepareStatement("INSERT INTO audit_checkpoints (node_id, seq, ts, hash,"
                    + " key_id, signature) VALUES (?, ?, ?, ?, ?, ?)");
        }
        insertCheckpoint.setString(1, node);
        insertCheckpoint.setLong(2, signed.seq());
        insertCheckpoint.setLong(3, signed.ts());
        insertCheckpoint.setString(4, signed.hash());
        insertCheckpoint.setString(5, signed.keyId());
        insertCheckpoint.setString(6, signed.signature());
        insertCheckpoint.executeUpdate();
        checkpointedSeq = head.seq();
        checkpointedAt = now;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
