package dev.hearth.store.sql;

import dev.hearth.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.hearth.limits.SpendLedger;
import dev.hearth.audit.AuditLog;
import dev.hearth.audit.AuditReader;
import dev.hearth.audit.CheckpointSigner;
import dev.hearth.auth.ApiKeyStore;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The governance store over any SQL database these migrations run on: keys, the audit log and its reader, sharing
 * one {@link GroupCommitWriter}. Built by a database-specific opener ({@code store.sqlite.SqliteStore}, later
 * PostgreSQL), which owns the data sources. Thread-safe.
 */
public final class SqlStore implements AutoCloseable {
    private final GroupCommitWriter writer;
    private final SqlKeyStore keys;
    private final SqlAuditReader reader;
    private final SqlSpendLedger spend;
    private final DataSource readers;

    /**
     * @param readers        pooled connections for reads
     * @param writerConnection the writer thread's own connection, in auto-commit mode (transactions are explicit)
     * @param begin          the statement that opens a write transaction
     */
    public SqlStore(DataSource readers, Connection writerConnection, String begin, String node,
            CheckpointSigner signer, int checkpointEvery, Duration checkpointInterval,
            GroupCommitWriter.Settings settings, Clock clock) {
        AuditChain chain = new AuditChain(node, signer, checkpointEvery, checkpointInterval, clock);
        this.writer = new GroupCommitWriter(writerConnection, begin, chain, settings);
        this.keys = new SqlKeyStore(readers, writer);
        this.reader = new SqlAuditReader(readers);
        this.spend = new SqlSpendLedger(readers, writer);
        this.readers = readers;
    }

    /**
     * The value stored under {@code name} in {@code store_meta}, storing {@code value} first if there is none (the
     * first node to ask sets it; a race is settled by the primary key). Blocking; for start-up checks.
     */
    public long settleOnce(String name, long value) {
        try (Connection c = readers.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO store_meta (name, int_value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setLong(2, value);
                insert.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT int_value FROM store_meta WHERE name = ?")) {
                read.setString(1, name);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + name + " from the store: " + e.getMessage(), e);
        }
    }

    public SpendLedger spend() {
        return spend;
    }

    public ApiKeyStore keys() {
        return keys;
    }

    public AuditLog auditLog() {
        return writer;
    }

    public AuditReader auditReader() {
        return reader;
    }

    public GroupCommitWriter writer() {
        return writer;
    }

    /** Finishes queued writes, writes a final checkpoint, and closes the writer's connection. */
    @Override
    public void close() {
        writer.close();
    }
}
