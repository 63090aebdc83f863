package dev.hearth.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.ChainVerifier;
import dev.hearth.audit.Verification;
import dev.hearth.auth.AuthMode;
import dev.hearth.auth.Authenticator;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.PresentedKey;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.config.AuditConfig;
import dev.hearth.config.Secret;
import dev.hearth.config.StateConfig;
import dev.hearth.error.GatewayException;
import dev.hearth.store.Governance;
import dev.hearth.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' governance on one real PostgreSQL schema, as two Hearth processes would open it: a key issued on one
 * works on the other, a revocation on one reaches the other at its next key refresh, both append to their own
 * audit chains and everything verifies, spend adds up across nodes, and a node with other secrets refuses to start.
 * Needs PostgreSQL at 127.0.0.1:5432, database {@code test}; skipped, with the reason, when it is not reachable.
 */
class PostgresGovernanceTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");

    private final String schema = "hearth_gov_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final List<Governance> open = new ArrayList<>();
    @TempDir
    Path dirs;

    @BeforeEach
    void reachable() {
        try (Connection c = DriverManager.getConnection(URL, USER, null)) {
            assertThat(c.isValid(2)).isTrue();
        } catch (SQLException unreachable) {
            String reason = "PostgreSQL is not reachable at " + URL + " (" + unreachable.getMessage() + ")";
            System.err.println("PostgresGovernanceTest skipped: " + reason);
            assumeTrue(false, reason);
        }
    }

    @AfterEach
    void drop() throws SQLException {
        open.reversed().forEach(Governance::close);
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Governance node(String name, Path stateDir) {
        StateConfig state = new StateConfig(stateDir,
                new StateConfig.DatabaseConfig(URL, USER, (Secret) null, schema, 2));
        Governance governance = Governance.open(state, new AuditConfig(name, 10, Duration.ofMinutes(1)), Map.of(),
                Clock.systemUTC());
        open.add(governance);
        return governance;
    }

    /** A second node's state directory holding the first node's two shared secrets (not its node id). */
    private Path sharingSecretsWith(Path first, String name) throws Exception {
        Path dir = Files.createDirectories(dirs.resolve(name));
        for (String file : List.of("server.secret", "audit-signing.key", "audit-signing.pub")) {
            Files.copy(first.resolve(file), dir.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return dir;
    }

    @Test
    void twoNodesShareKeysRevocationsSpendAndVerifiableChains() throws Exception {
        Path dirA = dirs.resolve("a");
        Governance a = node("node-a", dirA);
        Governance b = node("node-b", sharingSecretsWith(dirA, "b"));
        String key = a.keys().create(new KeySpec("shared", "ann", "red", Role.MEMBER, List.of(), null),
                Principal.operator("test"), null).secret().reveal();
        Authenticator onB = b.authenticator(AuthMode.REQUIRED);
        PresentedKey presented = new PresentedKey.Key(Secret.of(key));

        b.ring().refresh(); // what node B's refresher does every key-refresh interval
        assertThat(onB.authenticate(presented).name()).isEqualTo("shared");

        b.keys().revoke(key.substring(5, 13), Principal.operator("test"), null);
        Authenticator onA = a.authenticator(AuthMode.REQUIRED);
        a.ring().refresh();
        assertThatThrownBy(() -> onA.authenticate(presented)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("revoked");

        a.spendLedger().add(List.of("team:red|d:2026-11-25"), 1_000);
        b.spendLedger().add(List.of("team:red|d:2026-11-25"), 2_500);
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            appends.add((i % 2 == 0 ? a : b).auditLog().append(AuditEvent.admin(1_700_000_000_000L + i, "test",
                    "cli", null, null, "cli:test", Map.of("i", i))));
        }
        appends.forEach(CompletableFuture::join);
        assertThat(a.spendLedger().settled(List.of("d:2026-11-25"))).containsEntry("team:red|d:2026-11-25", 3_500L);

        Verification verification = new ChainVerifier(a.auditPublicKey()).verify(a.auditReader());
        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(verification.nodes()).isEqualTo(2);
        assertThat(verification.records()).isEqualTo(32); // key.create, key.revoke and 30 appends
    }

    @Test
    void aServerAndACommandAppendingToOneNodesChainAtOnceNeverForkIt() {
        Path dirA = dirs.resolve("a");
        Governance server = node("node-a", dirA);
        Governance command = node("node-a", dirA); // hearth keys ... --config, while serve runs
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            appends.add((i % 2 == 0 ? server : command).auditLog().append(AuditEvent.admin(1_700_000_000_000L + i,
                    "test", "cli", null, null, "cli:test", Map.of("i", i))));
        }
        appends.forEach(CompletableFuture::join);

        Verification verification = new ChainVerifier(server.auditPublicKey()).verify(server.auditReader());
        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(40);
    }

    @Test
    void aNodeWithItsOwnSecretsRefusesToStartAndSaysWhatToCopy() {
        node("node-a", dirs.resolve("a"));

        assertThatThrownBy(() -> node("node-b", dirs.resolve("b"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("server.secret").hasMessageContaining("copy them from the first node");
    }
}
