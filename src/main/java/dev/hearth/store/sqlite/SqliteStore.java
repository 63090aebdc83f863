package dev.hearth.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hearth.audit.CheckpointSigner;
import dev.hearth.config.AuditConfig;
import dev.hearth.store.StoreException;
import dev.hearth.store.sql.GroupCommitWriter;
import dev.hearth.store.sql.Migrations;
import dev.hearth.store.sql.SqlStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer nor each other), migrated with
 * the portable migrations, read through a small HikariCP pool, written by the single {@link GroupCommitWriter}
 * thread. Every connection waits up to {@link #BUSY_TIMEOUT_MILLIS} for a lock, so {@code hearth keys} commands can
 * write while the server runs; {@code synchronous=FULL} (the default, {@code audit.durability: fsync}) makes each commit
 * durable across a power loss, which group commit keeps affordable; {@code audit.durability: wal} chooses
 * {@code synchronous=NORMAL}, durable across a crash of this process but not of the machine. The WAL is copied back
 * into the database file by a {@link WalCheckpointer} thread, never inside a commit.
 *
 * <p>Threading: opening and closing block; see {@link SqlStore} for the rest. The JDBC driver's native calls pin
 * virtual threads, which is one more reason all writes run on one platform thread.
 */
public final class SqliteStore implements AutoCloseable {
    public static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int READERS = 4;

    /** How often the WAL is copied back into the database, off the writer (see {@link WalCheckpointer}). */
    private static final long WAL_CHECKPOINT_INTERVAL_MILLIS = 1_000;
    /** A WAL that grew during a burst is cut back to this size when it restarts. */
    private static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private final HikariDataSource readers;
    private final SqlStore store;
    private final WalCheckpointer checkpointer;

    private SqliteStore(HikariDataSource readers, SqlStore store, WalCheckpointer checkpointer) {
        this.readers = readers;
        this.store = store;
        this.checkpointer = checkpointer;
    }

    /**
     * Opens (creating and migrating as needed) the database at {@code file}.
     *
     * @param node the audit chain this process appends to
     * @throws StoreException when the file cannot be opened or migrated
     */
    public static SqliteStore open(Path file, String node, CheckpointSigner signer, int checkpointEvery,
            Duration checkpointInterval, GroupCommitWriter.Settings settings, Clock clock) {
        return open(file, node, signer, checkpointEvery, checkpointInterval, settings, clock,
                AuditConfig.Durability.FSYNC);
    }

    /** @param durability FSYNC: {@code synchronous=FULL}; WAL: {@code synchronous=NORMAL} (no fsync per commit) */
    public static SqliteStore open(Path file, String node, CheckpointSigner signer, int checkpointEvery,
            Duration checkpointInterval, GroupCommitWriter.Settings settings, Clock clock,
            AuditConfig.Durability durability) {
        return open(file, node, signer, checkpointEvery, checkpointInterval, settings, clock, durability,
                WAL_CHECKPOINT_INTERVAL_MILLIS);
    }

    /** @param walCheckpointMillis how often the WAL is copied back into the database file (tests shorten it) */
    static SqliteStore open(Path file, String node, CheckpointSigner signer, int checkpointEvery,
            Duration checkpointInterval, GroupCommitWriter.Settings settings, Clock clock,
            AuditConfig.Durability durability, long walCheckpointMillis) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config(durability));
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Migrations.apply(dataSource);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource);
        pool.setPoolName("hearth-store-readers");
        pool.setMaximumPoolSize(READERS);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
        HikariDataSource readers = new HikariDataSource(pool);
        Connection writer = null;
        try {
            writer = dataSource.getConnection();
            try (Statement statement = writer.createStatement()) {
                // Checkpoints run on their own thread, never inside a commit an answer is waiting for.
                statement.execute("PRAGMA wal_autocheckpoint=0");
                statement.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT_BYTES);
            }
            WalCheckpointer checkpointer = new WalCheckpointer(dataSource.getConnection(), walCheckpointMillis);
            return new SqliteStore(readers, new SqlStore(readers, writer, "BEGIN IMMEDIATE", node, signer,
                    checkpointEvery, checkpointInterval, settings, clock), checkpointer);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer);
            readers.close();
            throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config(AuditConfig.Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == AuditConfig.Durability.WAL ? SQLiteConfig.SynchronousMode.NORMAL
                : SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config;
    }

    /** SQLite's {@code synchronous} setting on this store's connections (2 = FULL, 1 = NORMAL), for tests. */
    int synchronousSetting() {
        try (Connection connection = readers.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA synchronous")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read PRAGMA synchronous: " + e.getMessage(), e);
        }
    }

    public SqlStore store() {
        return store;
    }

    /** Checkpoints run so far by the background checkpointer (for tests). */
    long walCheckpoints() {
        return checkpointer.runs();
    }

    @Override
    public void close() {
        store.close();
        checkpointer.close();
        readers.close();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing to open; the original error is the one to report
        }
    }
}
