package dev.hearth.store.sql;

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
