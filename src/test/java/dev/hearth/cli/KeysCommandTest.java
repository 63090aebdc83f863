package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hearth keys ...} and {@code hearth audit ...} as a person runs them, on a temporary state directory. */
class KeysCommandTest {
    @TempDir
    Path state;

    private final List<String> everything = new ArrayList<>();

    record Run(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Run hearth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add(2, "--state-dir");
        all.add(3, state.toString());
        int exit = new CommandLine(new HearthCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        everything.add(out + "\n" + err);
        return new Run(exit, out.toString(), err.toString());
    }

    private long occurrences(String text) {
        return everything.stream().mapToLong(output -> output.split(java.util.regex.Pattern.quote(text), -1).length - 1)
                .sum();
    }

    @Test
    void aKeyIsShownOnceAtCreationListedWithoutItsSecretAndRevokedByPrefix() {
        Run created = hearth("keys", "create", "--name", "ci bot", "--team", "red", "--model", "gpt-4o,coder",
                "--expires", "30d");
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.lastLine();
        assertThat(key).matches("hrth_[0-9A-Za-z]{43}");
        assertThat(created.out()).contains("\"ci bot\"").contains("models gpt-4o,coder").contains("team red");
        String prefix = key.substring(5, 13);

        Run listed = hearth("keys", "list");
        assertThat(listed.out()).contains("hrth_" + prefix + "…").contains("ci bot").contains("active")
                .doesNotContain(key).doesNotContain(key.substring(13));

        Run revoked = hearth("keys", "revoke", "hrth_" + prefix);
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).startsWith("Revoked key_");
        assertThat(hearth("keys", "list").out()).contains("revoked");

        Run again = hearth("keys", "revoke", prefix);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already revoked");
        assertThat(hearth("keys", "revoke", "nope").err()).contains("No API key has the id or prefix 'nope'");
        assertThat(occurrences(key)).as("the secret is printed exactly once").isEqualTo(1);
    }

    @Test
    void rotationPrintsTheReplacementOnceAndRevokesTheOldKey() {
        String old = hearth("keys", "create", "--name", "svc", "--role", "auditor").lastLine();
        Run rotated = hearth("keys", "rotate", old.substring(5, 13));
        assertThat(rotated.exit()).isZero();
        String fresh = rotated.lastLine();
        assertThat(fresh).startsWith("hrth_").isNotEqualTo(old);
        assertThat(rotated.out()).contains("role auditor");
        Run listed = hearth("keys", "list");
        assertThat(listed.out()).contains("hrth_" + old.substring(5, 13) + "…").contains("revoked")
                .contains("hrth_" + fresh.substring(5, 13) + "…").contains("active");
        assertThat(occurrences(fresh)).isEqualTo(1);
        assertThat(occurrences(old)).isEqualTo(1);
    }

    @Test
    void badOptionsAreRefusedWithoutTouchingTheStore() {
        assertThat(hearth("keys", "create", "--name", "x", "--role", "root").exit()).isEqualTo(2);
        assertThat(hearth("keys", "create", "--name", "x", "--expires", "soon").err()).contains("--expires");
        assertThat(hearth("keys", "list").out().strip().split("\n")).hasSize(1);
    }

    @Test
    void auditVerifyPassesOnAnUntouchedLogAndNamesTheRecordAfterTampering() throws Exception {
        hearth("keys", "create", "--name", "a");
        hearth("keys", "create", "--name", "b");
        hearth("keys", "revoke", hearth("keys", "create", "--name", "c").lastLine().substring(5, 13));
        Run ok = hearth("audit", "verify");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("OK: 4 records on 1 node(s)");

        Run exported = hearth("audit", "export");
        assertThat(exported.out().strip().split("\n")).hasSize(4).allSatisfy(line -> assertThat(line)
                .startsWith("{\"body\":{\"action\":\"key.").contains("\"hash\":\"").contains("\"kind\":\"admin\""));

        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + state.resolve("hearth.db"));
                var s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_records SET body = replace(body, '\"a\"', '\"z\"') WHERE seq = 1");
        }
        Run tampered = hearth("audit", "verify");
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.out()).contains("TAMPERED").contains("record 1:").contains("edited");
    }
}
