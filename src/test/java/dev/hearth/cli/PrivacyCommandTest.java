package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PrivacyCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new HearthCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String file(String content) throws Exception {
        Path path = dir.resolve("in.jsonl");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path.toString();
    }

    @Test
    void scanWritesOneLineOfSpansPerInputLineWithUtf16Offsets() throws Exception {
        String input = file("""
                {"id": "a", "text": "mail jane.doe@example.com"}
                {"id": 7, "text": "😀 call (415) 555-0132"}

                {"id": "c", "text": "nothing here"}
                """);
        Run run = run("privacy", "scan", "--input", input);
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                {"id":"a","spans":[{"type":"EMAIL_ADDRESS","start":5,"end":25}]}
                {"id":7,"spans":[{"type":"PHONE_NUMBER","start":8,"end":22}]}
                {"id":"c","spans":[]}
                """);
    }

    @Test
    void malformedLinesAreReportedByNumberSkippedWholeAndExitWithTwo() throws Exception {
        String input = file("""
                {"id": "ok", "text": "jane.doe@example.com"}
                {"id": "broken", "text": "my card 4111 1111 1111 1111
                ["not", "an", "object"]
                {"text": "no id, ssn 219-09-9998"}
                {"id": "n", "text": 42}
                {"id": "last", "text": "fine"}
                """);
        Run run = run("privacy", "scan", "--input", input);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out().lines()).containsExactly(
                "{\"id\":\"ok\",\"spans\":[{\"type\":\"EMAIL_ADDRESS\",\"start\":0,\"end\":20}]}",
                "{\"id\":\"last\",\"spans\":[]}");
        assertThat(run.err().lines()).hasSize(4).anySatisfy(line -> assertThat(line).contains("line 2"))
                .anySatisfy(line -> assertThat(line).contains("line 5"));
        assertThat(run.err()).doesNotContain("4111").doesNotContain("219-09");
    }

    @Test
    void customRulesFromTheCommandLineAreApplied() throws Exception {
        String input = file("{\"id\": 1, \"text\": \"Falcon ships PRJ-0042\"}\n");
        Run run = run("privacy", "scan", "--input", input, "--keyword", "project=falcon", "--pattern",
                "project=PRJ-[0-9]{4}");
        assertThat(run.out()).contains("\"CUSTOM:project\",\"start\":0,\"end\":6")
                .contains("\"CUSTOM:project\",\"start\":13,\"end\":21");
    }

    @Test
    void aMissingFileOrABadRuleExitsWithTwo() {
        assertThat(run("privacy", "scan", "--input", dir.resolve("absent.jsonl").toString()).exit()).isEqualTo(2);
        assertThat(run("privacy", "scan", "--input", "-", "--keyword", "novalue").exit()).isEqualTo(2);
    }

    @Test
    void evalPrintsPerTypeScoresAndLeakRate() throws Exception {
        String input = file("""
                {"id":"1","text":"mail jane.doe@example.com now","spans":[{"type":"EMAIL_ADDRESS","start":5,"end":25}]}
                {"id":"2","text":"call Wei at home","spans":[{"type":"PERSON","start":5,"end":8}]}
                """);
        Run run = run("privacy", "eval", "--input", input);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("EMAIL_ADDRESS\\s+1\\s+1\\s+1\\s+1.000\\s+1.000\\s+1.000\\s+0.000")
                .containsPattern("PERSON\\s+1\\s+0\\s+0\\s+1.000\\s+0.000\\s+0.000\\s+1.000")
                .contains("2 examples");
    }

    @Test
    void evalRefusesASetWithBadLabels() throws Exception {
        String input = file("{\"id\":\"1\",\"text\":\"abc\",\"spans\":[{\"type\":\"SHOE_SIZE\",\"start\":0,\"end\":1}]}\n");
        Run run = run("privacy", "eval", "--input", input);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("line 1");
    }
}
