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
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.config.AuditConfig;
import dev.hearth.config.StateConfig;
import dev.hearth.limits.SpendLedger;
import dev.hearth.store.sql.GroupCommitWriter;
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
    private final SqliteStore store;
    private final String node;
    private final KeyHasher hasher;
    private final KeyRing ring;
    private final ApiKeys keys;
    private final Clock clock;
    private ScheduledExecutorService refresher;

    private Governance(StateDir state, SqliteStore store, String node, KeyHasher hasher, Clock clock) {
        this.state = state;
        this.store = store;
        this.node = node;
        this.hasher = hasher;
        this.clock = clock;
        this.ring = new KeyRing(store.store().keys());
        this.keys = new ApiKeys(store.store().keys(), hasher, new SecureRandom(), clock, ring::refresh);
        ring.refresh();
    }

    /** Opens the state directory (creating what is missing) and its database. */
    public static Governance open(StateConfig stateConfig, AuditConfig audit, Map<String, String> env, Clock clock) {
        StateDir state = StateDir.open(StateDir.resolve(stateConfig.dir(), env));
        KeyHasher hasher = new KeyHasher(state.serverSecret());
        String node = audit.nodeId() != null ? audit.nodeId() : state.nodeId();
        SqliteStore store = SqliteStore.open(state.database(), node, new CheckpointSigner(state.auditSigningKeys()),
                audit.checkpointEvery(), audit.checkpointInterval(), GroupCommitWriter.Settings.defaults(), clock,
                audit.durability());
        return new Governance(state, store, node, hasher, clock);
    }

    public Authenticator authenticator(AuthMode mode) {
        return new Authenticator(mode, ring, hasher, clock);
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
                ring.refresh();
            } catch (RuntimeException e) {
                LOG.warn("reloading API keys failed; the previous keys stay in force: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
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
        return store.store().auditLog();
    }

    public AuditReader auditReader() {
        return store.store().auditReader();
    }

    /** Settled spend per budget counter, for budgets that survive restarts. */
    public SpendLedger spendLedger() {
        return store.store().spend();
    }

    public PublicKey auditPublicKey() {
        return state.auditSigningKeys().getPublic();
    }

    /** The writer thread's counters, for measurements. */
    public GroupCommitWriter writer() {
        return store.store().writer();
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        store.close();
    }
}
