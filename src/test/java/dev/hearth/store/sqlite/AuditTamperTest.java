package dev.hearth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audit.ChainHash;
import dev.hearth.audit.ChainVerifier;
import dev.hearth.audit.Verification;
import dev.hearth.store.StateDir;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Someone with write access to the SQLite file changes the audit log behind Hearth's back; {@code verify} must name
 * the first bad record. The log: 12 records on node n1, checkpoints at 5 and 10 and at close (12).
 */
class AuditTamperTest {
    @TempDir
    Path dir;

    @FunctionalInterface
    interface Tamper {
        void apply(Connection c) throws Exception;
    }

    @BeforeEach
    void writeALog() {
        try (SqliteStore store = SqliteStoreTest.open(dir, "n1", 5)) {
            for (int i = 1; i <= 12; i++) {
                store.store().auditLog().append(SqliteStoreTest.event(i));
            }
        }
    }

    private Verification verify() {
        StateDir state = StateDir.open(dir);
        try (SqliteStore store = SqliteStoreTest.open(dir, "n1", 5)) {
            return new ChainVerifier(state.auditSigningKeys().getPublic()).verify(store.store().auditReader());
        }
    }

    private void tamper(Tamper tamper) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"))) {
            tamper.apply(c);
        }
    }

    private static Tamper sql(String... statements) {
        return c -> {
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.executeUpdate(statement);
                }
            }
        };
    }

    @Test
    void anUntouchedLogVerifiesWithEveryRecordCoveredByACheckpoint() {
        Verification verification = verify();
        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(12);
        assertThat(verification.checkpoints()).isEqualTo(3);
        assertThat(verification.uncheckpointed()).isZero();
        assertThat(verification.signaturesChecked()).isTrue();
    }

    static Stream<Arguments> tampering() {
        return Stream.of(
                Arguments.of("an edited body", sql(
                        "UPDATE audit_records SET body = replace(body, '200', '500') WHERE seq = 4"), 4, "edited"),
                Arguments.of("an edited record whose hash was recomputed", (Tamper) AuditTamperTest::rewriteFour, 4,
                        "rewritten"),
                Arguments.of("a deleted record", sql("DELETE FROM audit_records WHERE seq = 7"), 7, "deleted"),
                Arguments.of("a deleted record with the rest renumbered", sql(
                        "DELETE FROM audit_records WHERE seq = 7",
                        "UPDATE audit_records SET seq = seq - 1 WHERE seq > 7"), 7, "deleted or moved"),
                Arguments.of("two records swapped", sql(
                        "UPDATE audit_records SET seq = -3 WHERE seq = 3",
                        "UPDATE audit_records SET seq = 3 WHERE seq = 4",
                        "UPDATE audit_records SET seq = 4 WHERE seq = -3"), 3, "moved"),
                Arguments.of("a forged record inserted with a valid hash", (Tamper) AuditTamperTest::insertAfterSix,
                        7, "inserted"),
                Arguments.of("a truncated tail", sql("DELETE FROM audit_records WHERE seq > 10"), 11, "truncated"),
                Arguments.of("an edited timestamp", sql("UPDATE audit_records SET ts = ts + 1 WHERE seq = 9"), 9,
                        "edited"),
                Arguments.of("a forged checkpoint signature", sql(
                        "UPDATE audit_checkpoints SET signature = replace(signature, substr(signature, 1, 4), 'AAAA')"
                                + " WHERE seq = 5"), 5, "signature"));
    }

    @ParameterizedTest(name = "{0} is found at record {2}")
    @MethodSource("tampering")
    void verifyNamesTheFirstBadRecord(String what, Tamper tamper, long seq, String says) throws Exception {
        tamper(tamper);
        Verification verification = verify();
        assertThat(verification.problem()).as(what).hasValueSatisfying(problem -> {
            assertThat(problem.node()).isEqualTo("n1");
            assertThat(problem.seq()).as(problem.toString()).isEqualTo(seq);
            assertThat(problem.description()).contains(says);
        });
    }

    private static void rewriteFour(Connection c) throws Exception {
        Row four = row(c, 4);
        String body = four.body.replace("200", "500");
        String hash = ChainHash.hash("n1", 4, four.ts, four.kind, body, four.prev);
        try (PreparedStatement s = c.prepareStatement("UPDATE audit_records SET body = ?, hash = ? WHERE seq = 4")) {
            s.setString(1, body);
            s.setString(2, hash);
            s.executeUpdate();
        }
    }

    private static void insertAfterSix(Connection c) throws Exception {
        Row six = row(c, 6);
        sql("UPDATE audit_records SET seq = seq + 1000 WHERE seq > 6",
                "UPDATE audit_records SET seq = seq - 999 WHERE seq > 1000").apply(c);
        String body = "{\"request_id\":\"forged\",\"status\":200}";
        String hash = ChainHash.hash("n1", 7, six.ts, "request", body, six.hash);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_records (node_id, seq, ts, kind, body,"
                + " prev_hash, hash) VALUES ('n1', 7, ?, 'request', ?, ?, ?)")) {
            s.setLong(1, six.ts);
            s.setString(2, body);
            s.setString(3, six.hash);
            s.setString(4, hash);
            s.executeUpdate();
        }
    }

    private record Row(long ts, String kind, String body, String prev, String hash) {}

    private static Row row(Connection c, long seq) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT ts, kind, body, prev_hash, hash FROM audit_records WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5));
            }
        }
    }
}
