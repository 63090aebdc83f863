package dev.hearth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.AuditRecord;
import dev.hearth.audit.ChainVerifier;
import dev.hearth.audit.CheckpointSigner;
import dev.hearth.audit.Verification;
import dev.hearth.auth.ApiKey;
import dev.hearth.auth.Role;
import dev.hearth.config.AuditConfig;
import dev.hearth.store.StateDir;
import dev.hearth.store.sql.GroupCommitWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store on a real SQLite file in a temporary state directory. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    static SqliteStore open(Path dir, String node, int checkpointEvery) {
        StateDir state = StateDir.open(dir);
        return SqliteStore.open(state.database(), node, new CheckpointSigner(state.auditSigningKeys()),
                checkpointEvery, Duration.ofMinutes(10), GroupCommitWriter.Settings.defaults(), Clock.systemUTC());
    }

    static AuditEvent event(int i) {
        return new AuditEvent(AuditEvent.REQUEST, 1_700_000_000_000L + i, "req-" + i, null,
                Map.of("request_id", "req-" + i, "status", 200));
    }

    static ApiKey key(String id, String prefix, List<String> models) {
        return new ApiKey(id, prefix, "ab".repeat(32), "name " + id, "owner", "team-a", Role.MEMBER, models,
                Instant.ofEpochMilli(1_700_000_000_000L), null, null);
    }

    private Connection raw() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
    }

    @Test
    void theDatabaseIsInWalModeAndMigratedOnceAcrossReopens() throws Exception {
        open(dir, "n1", 100).close();
        open(dir, "n1", 100).close();
        try (Connection c = raw(); Statement s = c.createStatement()) {
            ResultSet mode = s.executeQuery("PRAGMA journal_mode");
            mode.next();
            assertThat(mode.getString(1)).isEqualTo("wal");
            ResultSet applied = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1");
            applied.next();
            assertThat(applied.getInt(1)).isEqualTo(5);
        }
    }

    @Test
    void auditDurabilityChoosesSqliteSynchronousFullByDefaultAndNormalForWal() {
        try (SqliteStore fsync = open(dir, "n1", 100)) {
            assertThat(fsync.synchronousSetting()).isEqualTo(2);
        }
        StateDir state = StateDir.open(dir);
        try (SqliteStore wal = SqliteStore.open(state.database(), "n1", new CheckpointSigner(state.auditSigningKeys()),
                100, Duration.ofMinutes(10), GroupCommitWriter.Settings.defaults(), Clock.systemUTC(),
                AuditConfig.Durability.WAL)) {
            assertThat(wal.synchronousSetting()).isEqualTo(1);
            wal.store().auditLog().append(event(1)).join();
        }
        try (SqliteStore reopened = open(dir, "n1", 100)) {
            assertThat(reopened.synchronousSetting()).isEqualTo(2);
        }
    }

    @Test
    void keysRoundTripWithTheirModelsAndEveryChangeMovesTheGeneration() {
        try (SqliteStore opened = open(dir, "n1", 100)) {
            var keys = opened.store().keys();
            long before = keys.generation();
            keys.insert(key("key_a", "AAAA1111", List.of("gpt-4o", "coder")), event(1)).join();
            keys.insert(key("key_b", "BBBB2222", List.of()), event(2)).join();
            assertThat(keys.generation()).isEqualTo(before + 2);
            assertThat(keys.list()).extracting(ApiKey::id).containsExactly("key_a", "key_b");
            assertThat(keys.find("AAAA1111").orElseThrow().models()).containsExactly("gpt-4o", "coder");
            assertThat(keys.find("key_b").orElseThrow().team()).isEqualTo("team-a");

            keys.revoke("key_a", Instant.ofEpochMilli(1_800_000_000_000L), event(3)).join();
            assertThat(keys.find("key_a").orElseThrow().revoked()).isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));
            assertThat(keys.generation()).isEqualTo(before + 3);
            assertThat(opened.store().auditReader().recent(10)).hasSize(3);
        }
    }

    @Test
    void aFailedTaskIsRolledBackAloneAndWritesNoAuditRecord() {
        try (SqliteStore opened = open(dir, "n1", 100)) {
            var keys = opened.store().keys();
            keys.insert(key("key_a", "AAAA1111", List.of()), event(1)).join();
            CompletableFuture<Void> duplicate = keys.insert(key("key_a", "CCCC3333", List.of()), event(2));
            CompletableFuture<Void> revokeUnknown = keys.revoke("key_zz", Instant.now(), event(3));
            CompletableFuture<AuditRecord> fine = opened.store().auditLog().append(event(4));

            assertThatThrownBy(duplicate::join).isInstanceOf(CompletionException.class);
            assertThatThrownBy(revokeUnknown::join).hasMessageContaining("does not exist or is already revoked");
            assertThat(fine.join().seq()).isEqualTo(2);
            assertThat(keys.list()).hasSize(1);
            assertThat(opened.store().auditReader().recent(10)).extracting(AuditRecord::seq).containsExactly(2L, 1L);
        }
    }

    @Test
    void theWriterLeavesWalCheckpointsToTheBackgroundCheckpointer() throws Exception {
        StateDir state = StateDir.open(dir);
        long hourly = Duration.ofHours(1).toMillis();
        try (SqliteStore opened = SqliteStore.open(state.database(), "n1",
                new CheckpointSigner(state.auditSigningKeys()), 100_000, Duration.ofMinutes(10),
                GroupCommitWriter.Settings.defaults(), Clock.systemUTC(), AuditConfig.Durability.WAL, hourly)) {
            long before = Files.size(state.database());
            appendOneByOne(opened, 2_000); // thousands of WAL frames: SQLite's own threshold is 1,000
            // Nothing copied back yet: the writer's commits never ran a checkpoint themselves.
            assertThat(Files.size(state.database())).isEqualTo(before);
            assertThat(opened.walCheckpoints()).isZero();
        }
        try (SqliteStore opened = SqliteStore.open(state.database(), "n1",
                new CheckpointSigner(state.auditSigningKeys()), 100_000, Duration.ofMinutes(10),
                GroupCommitWriter.Settings.defaults(), Clock.systemUTC(), AuditConfig.Durability.WAL, 20)) {
            long before = Files.size(state.database());
            appendOneByOne(opened, 2_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.size(state.database()) <= before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(state.database())).isGreaterThan(before);
            assertThat(opened.walCheckpoints()).isPositive();
            assertThat(opened.store().auditReader().recent(1)).extracting(AuditRecord::seq).containsExactly(4_000L);
        }
    }

    /** One commit per record (each waited for), so the WAL gets a few frames per record. */
    private static void appendOneByOne(SqliteStore opened, int count) {
        for (int i = 0; i < count; i++) {
            opened.store().auditLog().append(event(i)).join();
        }
    }

    @Test
    void aLoneFailedTaskFailsWithItsOwnErrorAndLeavesNothingBehind() {
        try (SqliteStore opened = open(dir, "n1", 100)) {
            var keys = opened.store().keys();
            keys.insert(key("key_a", "AAAA1111", List.of()), event(1)).join();
            // Each waited for in turn, so each is alone in its transaction (no savepoint on that path).
            CompletableFuture<Void> revokeUnknown = keys.revoke("key_zz", Instant.now(), event(2));
            assertThatThrownBy(revokeUnknown::join).hasMessageContaining("does not exist or is already revoked");
            assertThat(opened.store().auditLog().append(event(3)).join().seq()).isEqualTo(2);
            assertThat(opened.store().auditReader().recent(10)).extracting(AuditRecord::seq).containsExactly(2L, 1L);
        }
    }

    @Test
    void appendsBatchedAroundOtherTasksKeepTheirOrderAndAFailingTaskLosesOnlyItsOwnWrites() {
        try (SqliteStore opened = open(dir, "n1", 3)) {
            var keys = opened.store().keys();
            var audit = opened.store().auditLog();
            // Hold the writer so that everything below waits in its queue and is committed as one batch.
            CountDownLatch holding = new CountDownLatch(1);
            CompletableFuture<Void> held = opened.store().writer().submit(session -> {
                holding.countDown();
                sleep(200);
                return null;
            });
            awaitQuietly(holding);
            CompletableFuture<AuditRecord> a = audit.append(event(1));
            CompletableFuture<Void> created = keys.insert(key("key_a", "AAAA1111", List.of()), event(2));
            CompletableFuture<AuditRecord> b = audit.append(event(3));
            CompletableFuture<Void> failed = keys.revoke("key_zz", Instant.now(), event(4));
            CompletableFuture<AuditRecord> c = audit.append(event(5));
            CompletableFuture<AuditRecord> d = audit.append(event(6));
            held.join();

            assertThat(List.of(a.join().seq(), b.join().seq(), c.join().seq(), d.join().seq()))
                    .containsExactly(1L, 3L, 4L, 5L);
            created.join();
            assertThatThrownBy(failed::join).hasMessageContaining("does not exist or is already revoked");
            assertThat(opened.store().writer().batches()).isEqualTo(2);
            // The failed revoke's record went with it; the key's record sits where the key task ran.
            assertThat(opened.store().auditReader().recent(10))
                    .extracting(record -> record.seq() + ":" + record.body().replaceAll(".*\"(req-\\d)\".*", "$1"))
                    .containsExactly("5:req-6", "4:req-5", "3:req-3", "2:req-2", "1:req-1");
            Verification verification = new ChainVerifier(StateDir.open(dir).auditSigningKeys().getPublic())
                    .verify(opened.store().auditReader());
            assertThat(verification.intact()).as(verification.toString()).isTrue();
            assertThat(verification.checkpoints()).isEqualTo(1); // at seq 3, written inside the batched run
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void concurrentAppendsFormOneGaplessChainAndShareCommits() throws Exception {
        int threads = 8;
        int each = 250;
        try (SqliteStore opened = open(dir, "n1", 500)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<CompletableFuture<AuditRecord>> all = new ArrayList<>();
            List<java.util.concurrent.Future<List<CompletableFuture<AuditRecord>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                submitted.add(pool.submit(() -> {
                    List<CompletableFuture<AuditRecord>> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(opened.store().auditLog().append(event(base + i)));
                    }
                    return mine;
                }));
            }
            for (var future : submitted) {
                all.addAll(future.get());
            }
            pool.shutdown();
            assertThat(all.stream().map(CompletableFuture::join).map(AuditRecord::seq).sorted().toList())
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, threads * each).boxed().toList());
            assertThat(opened.store().writer().batches()).isLessThan(opened.store().writer().tasks());
            Verification verification = new ChainVerifier(StateDir.open(dir).auditSigningKeys().getPublic())
                    .verify(opened.store().auditReader());
            assertThat(verification.intact()).as(verification.toString()).isTrue();
            assertThat(verification.checkpoints()).isEqualTo(4);
        }
    }

    @Test
    void twoProcessesAppendingToOneNodeNeverForkItsChain() {
        try (SqliteStore server = open(dir, "n1", 1000); SqliteStore cli = open(dir, "n1", 1000)) {
            List<CompletableFuture<AuditRecord>> appended = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                appended.add((i % 2 == 0 ? server : cli).store().auditLog().append(event(i)));
            }
            appended.forEach(CompletableFuture::join);
            Verification verification = new ChainVerifier(null).verify(server.store().auditReader());
            assertThat(verification.intact()).as(verification.toString()).isTrue();
            assertThat(verification.records()).isEqualTo(50);
        }
    }

    @Test
    void closingWritesAFinalCheckpointSoTheTailIsCovered() {
        try (SqliteStore opened = open(dir, "n1", 1000)) {
            for (int i = 0; i < 7; i++) {
                opened.store().auditLog().append(event(i));
            }
        }
        try (SqliteStore reopened = open(dir, "n1", 1000)) {
            assertThat(reopened.store().auditReader().checkpoints("n1")).singleElement()
                    .satisfies(c -> assertThat(c.seq()).isEqualTo(7));
            Verification verification = new ChainVerifier(StateDir.open(dir).auditSigningKeys().getPublic())
                    .verify(reopened.store().auditReader());
            assertThat(verification.uncheckpointed()).isZero();
        }
    }

    @Test
    void stateSecretsAreOwnerOnlyAndStableAcrossOpens() throws Exception {
        StateDir first = StateDir.open(dir.resolve("state"));
        byte[] secret = first.serverSecret();
        var keys = first.auditSigningKeys();
        String node = first.nodeId();
        StateDir again = StateDir.open(dir.resolve("state"));
        assertThat(again.serverSecret()).hasSize(32).isEqualTo(secret);
        assertThat(again.auditSigningKeys().getPublic()).isEqualTo(keys.getPublic());
        assertThat(StateDir.auditPublicKey(again.auditPublicKeyFile())).isEqualTo(keys.getPublic());
        assertThat(again.nodeId()).isEqualTo(node).matches("[A-Za-z0-9.-]+-[0-9a-f]{4}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/server.secret"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/audit-signing.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))))
                .isEqualTo("rwx------");
    }
}
