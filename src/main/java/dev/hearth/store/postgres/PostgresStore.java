package dev.hearth.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hearth.audit.CheckpointSigner;
import dev.hearth.config.StateConfig.DatabaseConfig;
import dev.hearth.store.StoreException;
import dev.hearth.store.sql.GroupCommitWriter;
import dev.hearth.store.sql.Migrations;
import dev.hearth.store.sql.SqlStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared store for several nodes: one PostgreSQL schema, migrated with the same portable migrations as SQLite,
 * read through a HikariCP pool, written by this node's {@link GroupCommitWriter} thread on a connection of its own.
 * Every node appends to its own audit chain (its node id) in the shared table; keys and spend are shared, and each
 * node's key cache notices changes through the shared key generation.
 *
 * <p>Threading: opening and closing block; see {@link SqlStore} for the rest.
 */
public final class PostgresStore implements AutoCloseable {
    private final HikariDataSource readers;
    private final SqlStore store;

    private PostgresStore(HikariDataSource readers, SqlStore store) {
        this.readers = readers;
        this.store = store;
    }

    /**
     * Connects, migrates the schema (Flyway's lock makes concurrent starts safe) and opens the writer.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static PostgresStore open(DatabaseConfig config, String node, CheckpointSigner signer, int checkpointEvery,
            Duration checkpointInterval, GroupCommitWriter.Settings settings, Clock clock) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(config.url());
        if (config.user() != null) {
            source.setUser(config.user());
        }
        if (config.password() != null) {
            source.setPassword(config.password().reveal());
        }
        source.setCurrentSchema(config.schema());
        source.setConnectTimeout(5);
        source.setApplicationName("hearth " + node);
        try {
            Migrations.apply(source, config.schema());
        } catch (StoreException e) {
            throw new StoreException("cannot prepare the PostgreSQL schema " + config.schema() + " at "
                    + config.url() + ": " + e.getMessage(), e);
        }
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(source);
        pool.setPoolName("hearth-store-readers");
        pool.setMaximumPoolSize(config.poolSize());
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(10_000);
        HikariDataSource readers = new HikariDataSource(pool);
        try {
            Connection writer = source.getConnection();
            writer.setAutoCommit(true); // the writer opens its transactions explicitly
            return new PostgresStore(readers, new SqlStore(readers, writer, begin(config.schema(), node), node, signer,
                    checkpointEvery, checkpointInterval, settings, clock));
        } catch (SQLException | RuntimeException e) {
            readers.close();
            throw new StoreException("cannot open the PostgreSQL store at " + config.url() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a write transaction holding this node's chain lock: PostgreSQL's BEGIN takes no write lock (SQLite's
     * BEGIN IMMEDIATE does), and a {@code hearth keys} command may append to the same node's chain while the server
     * runs, so both serialise on a transaction-scoped advisory lock and each reads the chain's head under it.
     */
    static String begin(String schema, String node) {
        long lock = java.util.UUID.nameUUIDFromBytes(("hearth-audit-chain:" + schema + ":" + node)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).getMostSignificantBits();
        return "BEGIN; SELECT pg_advisory_xact_lock(" + lock + ")";
    }

    public SqlStore store() {
        return store;
    }

    /** Finishes queued writes (the writer closes its own connection), then the readers. */
    @Override
    public void close() {
        store.close();
        readers.close();
    }
}
