package dev.hearth.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.AuditRecord;
import dev.hearth.audit.ChainVerifier;
import dev.hearth.audit.CheckpointSigner;
import dev.hearth.audit.Verification;
import dev.hearth.auth.ApiKey;
import dev.hearth.auth.LimitScope;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migrations written for SQLite applied unchanged to a real PostgreSQL, in a fresh schema that is dropped
 * afterwards, and the store's own SQL run there too. Needs PostgreSQL at 127.0.0.1:5432, database {@code test}
 * (user {@code $PGUSER}, default {@code postgres}); skipped, with the reason, when it is not reachable.
 */
class PostgresMigrationTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String schema = "hearth_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void connect() {
        PGSimpleDataSource admin = dataSource(null);
        try (Connection c = admin.getConnection()) {
            assertThat(c.isValid(2)).isTrue();
        } catch (SQLException unreachable) {
            String reason = "PostgreSQL is not reachable at " + URL + " (" + unreachable.getMessage() + ")";
            System.err.println("PostgresMigrationTest skipped: " + reason);
            assumeTrue(false, reason);
        }
        dataSource = dataSource(schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (dataSource == null) {
            return;
        }
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(URL);
        source.setUser(System.getenv().getOrDefault("PGUSER", "postgres"));
        source.setConnectTimeout(3);
        if (schema != null) {
            source.setCurrentSchema(schema);
        }
        return source;
    }

    @Test
    void theSameMigrationsApplyToPostgresqlOnceAndLeaveItUpToDate() {
        assertThat(Migrations.apply(dataSource, schema)).isEqualTo(5);
        assertThat(Migrations.apply(dataSource, schema)).isZero();
    }

    @Test
    void theStoresQueriesRunOnPostgresqlToo() throws Exception {
        Migrations.apply(dataSource, schema);
        KeyPair keys = CheckpointSigner.generate();
        SqlStore store = new SqlStore(dataSource, dataSource.getConnection(), "BEGIN", "pg-node",
                new CheckpointSigner(keys), 10, Duration.ofMinutes(10), GroupCommitWriter.Settings.defaults(),
                Clock.systemUTC());
        try {
            ApiKey key = new ApiKey("key_pg", "PGPG1234", "cd".repeat(32), "pg key", null, "ops", Role.AUDITOR,
                    List.of("a", "b"), Instant.ofEpochMilli(1_700_000_000_000L), null, null);
            store.keys().insert(key, event("key.create")).join();
            assertThat(store.keys().find("PGPG1234").orElseThrow().models()).containsExactly("a", "b");
            store.keys().revoke("key_pg", Instant.ofEpochMilli(1_800_000_000_000L), event("key.revoke")).join();
            assertThat(store.keys().list().getFirst().revoked()).isNotNull();
            assertThat(store.keys().generation()).isEqualTo(2);

            // The spend ledger's upsert is the same SQL on both databases: two additions make one row.
            store.spend().add(List.of("key:key_pg|d:2026-11-25", "team:ops|m:2026-11"), 1_500);
            store.spend().add(List.of("key:key_pg|d:2026-11-25"), 500);
            store.keys().putLimits(LimitScope.TEAM, "ops", new Quota(60, null, 5.0, null), Instant.ofEpochMilli(1),
                    event("team.set")).join();
            store.keys().putLimits(LimitScope.USER, "ann", new Quota(null, null, 1.0, null), Instant.ofEpochMilli(1),
                    event("user.set")).join();
            assertThat(store.keys().limits(LimitScope.TEAM)).containsEntry("ops", new Quota(60, null, 5.0, null));
            assertThat(store.keys().limits(LimitScope.USER)).containsEntry("ann", new Quota(null, null, 1.0, null));
            store.keys().updateLimits("key_pg", new Quota(null, 1000, null, null), List.of("pii"), event("key.limits"))
                    .join();
            assertThat(store.keys().find("key_pg").orElseThrow().quota().tpm()).isEqualTo(1000);
            store.auditLog().append(event("after-spend")).join(); // one writer: the additions are committed before
            assertThat(store.spend().settled(List.of("d:2026-11-25", "m:2026-11")))
                    .containsEntry("key:key_pg|d:2026-11-25", 2_000L).containsEntry("team:ops|m:2026-11", 1_500L);

            List<CompletableFuture<AuditRecord>> appended = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                appended.add(store.auditLog().append(event("x" + i)));
            }
            appended.forEach(CompletableFuture::join);
        } finally {
            store.close();
        }
        SqlAuditReader reader = new SqlAuditReader(dataSource);
        Verification verification = new ChainVerifier(keys.getPublic()).verify(reader);
        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(31);
        assertThat(verification.uncheckpointed()).isZero();
        assertThat(reader.recent(5)).hasSize(5);
    }

    private static AuditEvent event(String action) {
        return AuditEvent.admin(1_700_000_000_000L, action, "cli", null, null, "cli:test", Map.of("key_id", "key_pg"));
    }
}
