package dev.hearth.store;

import dev.hearth.audit.AuditLog;
import dev.hearth.audit.AuditReader;
import dev.hearth.audit.CheckpointSigner;
import dev.hearth.auth.ApiKeys;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.IssuedKey;
import dev.hearth.auth.KeyHasher;
import dev.hearth.auth.KeyRing;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.LimitScope;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.auth.oidc.JwtVerifier;
import dev.hearth.config.AuditConfig;
import dev.hearth.config.StateConfig;
import dev.hearth.limits.SpendLedger;
import dev.hearth.store.postgres.PostgresStore;
import dev.hearth.store.sql.GroupCommitWriter;
import dev.hearth.store.sql.SqlStore;
import dev.hearth.store.sqlite.SqliteStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys and audit on the state directory, put together once for whoever needs them: the server (which also refreshes
 * the key ring in the background) and the {@code keys} and {@code audit} commands (which work on the same files
 * while the server runs).
 *
 * <p>Threading: opening blocks (file and database I/O, migrations); the parts are thread-safe as documented on each.
 * {@link #close()} stops the refresher and closes the store after its queued writes.
 */
public final class Governance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Governance.class);

    private final StateDir state;
    private final SqlStore store;
    private final AutoCloseable database;
    private final String node;
    private final KeyHasher hasher;
    private final KeyRing ring;
    private final ApiKeys keys;
    private final Clock clock;
    private ScheduledExecutorService refresher;
    private volatile Map<String, Quota> teams = Map.of();
    private volatile Map<String, Quota> users = Map.of();

    private Governance(StateDir state, SqlStore store, AutoCloseable database, String node, KeyHasher hasher,
            Clock clock) {
        this.state = state;
        this.store = store;
        this.database = database;
        this.node = node;
        this.hasher = hasher;
        this.clock = clock;
        this.ring = new KeyRing(store.keys());
        this.keys = new ApiKeys(store.keys(), hasher, new SecureRandom(), clock, this::refresh);
        refresh();
    }

    /**
     * Opens the state directory (creating what is missing) and the store: the directory's SQLite database, or the
     * shared PostgreSQL database when {@code state.database} is set.
     */
    public static Governance open(StateConfig stateConfig, AuditConfig audit, Map<String, String> env, Clock clock) {
        StateDir state = StateDir.open(StateDir.resolve(stateConfig.dir(), env));
        KeyHasher hasher = new KeyHasher(state.serverSecret());
        String node = audit.nodeId() != null ? audit.nodeId() : state.nodeId();
        CheckpointSigner signer = new CheckpointSigner(state.auditSigningKeys());
        if (stateConfig.database() != null) {
            PostgresStore shared = PostgresStore.open(stateConfig.database(), node, signer, audit.checkpointEvery(),
                    audit.checkpointInterval(), GroupCommitWriter.Settings.defaults(), clock);
            try {
                sameSecretsAsEveryNode(shared.store(), state);
            } catch (StoreException e) {
                shared.close();
                throw e;
            }
            return new Governance(state, shared.store(), shared, node, hasher, clock);
        }
        SqliteStore local = SqliteStore.open(state.database(), node, signer, audit.checkpointEvery(),
                audit.checkpointInterval(), GroupCommitWriter.Settings.defaults(), clock, audit.durability());
        return new Governance(state, local.store(), local, node, hasher, clock);
    }

    /**
     * Nodes sharing a database must share the server secret (or keys issued on one node fail on the others) and the
     * audit signing key (or checkpoints cannot all be verified with one public key). The first node records a
     * fingerprint of each; a node with other files refuses to start, saying what to copy.
     */
    private static void sameSecretsAsEveryNode(SqlStore store, StateDir state) {
        check(store, "server_secret_fingerprint", fingerprint(state.serverSecret()), state, "server.secret");
        check(store, "audit_key_fingerprint", fingerprint(state.auditSigningKeys().getPublic().getEncoded()), state,
                "audit-signing.key and audit-signing.pub");
    }

    private static void check(SqlStore store, String name, long mine, StateDir state, String files) {
        if (store.settleOnce(name, mine) != mine) {
            throw new StoreException("this node's " + files + " in " + state.path() + " differ from the ones the"
                    + " shared database was set up with; copy them from the first node's state directory to every"
                    + " node (keep each node's own node-id)");
        }
    }

    /** 63 bits of SHA-256: tells secrets apart without revealing anything usable about them. */
    private static long fingerprint(byte[] material) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(material);
            return java.nio.ByteBuffer.wrap(digest).getLong() >>> 1;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Authenticator authenticator(AuthMode mode) {
        return authenticator(mode, null);
    }

    /** @param tokens checks identity-provider JWTs, or null without OIDC */
    public Authenticator authenticator(AuthMode mode, JwtVerifier tokens) {
        return new Authenticator(mode, ring, hasher, clock, tokens);
    }

    /**
     * At the very first start (no key was ever issued, not even a revoked one): one admin key, whose secret the
     * caller shows once. Empty on every later start, so it is never shown again.
     */
    public Optional<IssuedKey> bootstrapAdminKey() {
        if (!keys.list().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(keys.create(KeySpec.of("admin (created at first start)", Role.ADMIN),
                Principal.system("first-start"), null));
    }

    /** Reloads the key ring every {@code every} on a background thread, for changes made by other processes. */
    public synchronized void refreshEvery(Duration every) {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-key-refresh").factory());
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("reloading API keys failed; the previous keys stay in force: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads keys, and the team limits with them, when the store's key generation moved. Blocks on storage. */
    public void refresh() {
        if (ring.refresh()) {
            teams = Map.copyOf(store.keys().limits(LimitScope.TEAM));
            users = Map.copyOf(store.keys().limits(LimitScope.USER));
        }
    }

    /** Team limits set through the admin API, as of the last refresh. Lock-free. */
    public Map<String, Quota> teams() {
        return teams;
    }

    /** User limits set through the admin API, as of the last refresh. Lock-free. */
    public Map<String, Quota> users() {
        return users;
    }

    public StateDir state() {
        return state;
    }

    public String node() {
        return node;
    }

    public ApiKeys keys() {
        return keys;
    }

    public KeyRing ring() {
        return ring;
    }

    public AuditLog auditLog() {
        return store.auditLog();
    }

    public AuditReader auditReader() {
        return store.auditReader();
    }

    /** Settled spend per budget counter, for budgets that survive restarts. */
    public SpendLedger spendLedger() {
        return store.spend();
    }

    public PublicKey auditPublicKey() {
        return state.auditSigningKeys().getPublic();
    }

    /** The writer thread's counters, for measurements. */
    public GroupCommitWriter writer() {
        return store.writer();
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        try {
            database.close();
        } catch (Exception e) {
            LOG.warn("closing the store failed: {}", e.toString());
        }
    }
}
